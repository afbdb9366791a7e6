"""PEMAT-P self-scores: a page per article to tick AHRQ's items, and two columns in the article list."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.html import format_html

from education.models import PematScore
from education.text import pemat


def _item_field(item):
    choices = [(pemat.AGREE, "Agree"), (pemat.DISAGREE, "Disagree")]
    if item.na_when:
        choices.append((pemat.NOT_APPLICABLE, f"Not applicable: {item.na_when}"))
    return forms.ChoiceField(
        label=f"{item.number}. {item.text}",
        choices=choices,
        widget=forms.RadioSelect,
        required=False,
    )


def _field_name(item):
    return f"item_{item.number}"


class _PematFormBase(forms.ModelForm):
    class Meta:
        model = PematScore
        fields = ["article", "scored_by", "scored_on", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in pemat.ITEMS:
            self.initial.setdefault(_field_name(item), self.instance.answers.get(item.key, ""))

    def clean(self):
        cleaned = super().clean()
        self.instance.answers = {
            item.key: cleaned[_field_name(item)] for item in pemat.ITEMS if cleaned.get(_field_name(item))
        }
        return cleaned


# The item fields are declared on the class (not added per instance) so the admin's fieldsets may name them.
PematForm = type(
    "PematForm",
    (_PematFormBase,),
    {_field_name(item): _item_field(item) for item in pemat.ITEMS},
)


def _item_names(scale):
    return [_field_name(item) for item in pemat.ITEMS if item.scale == scale]


class BelowPassFilter(admin.SimpleListFilter):
    title = "PEMAT-P result"
    parameter_name = "pemat"

    def lookups(self, request, model_admin):
        return [("below", f"Below {pemat.PASS_MARK} % on a scale"), ("pass", "Passes both scales")]

    def queryset(self, request, queryset):
        if self.value() not in ("below", "pass"):
            return queryset
        # Scores follow from the JSON answers, so they are computed here (one row per article).
        below = [
            obj.pk
            for obj in queryset
            if any(s is not None and s < pemat.PASS_MARK for s in (obj.understandability, obj.actionability))
        ]
        return queryset.filter(pk__in=below) if self.value() == "below" else queryset.exclude(pk__in=below)


class ArticleSearchBox(AutocompleteSelect):
    """Django leaves a required single autocomplete with no <option> until one is picked, which
    HTML does not allow (tests/test_html_validation.py): "Choose an article" stands in until then."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        chosen = any(option["selected"] for _, options, _ in groups for option in options)
        if self.is_required and not chosen:
            groups.insert(0, (None, [self.create_option(name, "", "Choose an article", True, 0)], 0))
        return groups


@admin.register(PematScore)
class PematScoreAdmin(admin.ModelAdmin):
    """One page per article: its own admin page, not an inline, so the article form stays as it is."""

    form = PematForm
    list_display = ["article", "understandability_score", "actionability_score", "scored_on"]  # fits 1280 px
    list_select_related = ["article"]
    list_filter = [BelowPassFilter]
    search_fields = ["article__title", "notes"]
    autocomplete_fields = ["article"]  # a search box, never a <select> of every article
    readonly_fields = ["scores"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["widget"] = ArticleSearchBox(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["article", "scores", "scored_by", "scored_on"]}),
        (
            "Understandability (PEMAT-P items 1-19)",
            {
                "fields": _item_names(pemat.UNDERSTANDABILITY),
                "description": "Tick each item for the article as printed. Not applicable is offered "
                "only where PEMAT allows it.",
            },
        ),
        ("Actionability (PEMAT-P items 20-26)", {"fields": _item_names(pemat.ACTIONABILITY)}),
        (None, {"fields": ["notes"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "article"] if obj else self.readonly_fields

    @admin.display(description="Scores")
    def scores(self, obj):
        if obj is None or not obj.pk:
            return f"Tick every item, then save. The pass mark is {pemat.PASS_MARK} % on each scale."
        missing = len(obj.unanswered_items)
        return format_html(
            "Understandability {}, actionability {}{}.",
            score_text(obj.understandability),
            score_text(obj.actionability),
            f" ({missing} items not ticked yet)" if missing else "",
        )

    @admin.display(description="Understandable")
    def understandability_score(self, obj):
        return score_text(obj.understandability)

    @admin.display(description="Actionable")
    def actionability_score(self, obj):
        return score_text(obj.actionability)


def score_text(value):
    if value is None:
        return "not scored"
    if value < pemat.PASS_MARK:
        return format_html('<strong class="pemat-fail">{} % (below {} %)</strong>', value, pemat.PASS_MARK)
    return f"{value} %"


def _column(scale, title):
    """An article-list column: the score, linked to the page where staff tick the items."""

    @admin.display(description=title)
    def column(obj):
        score = getattr(obj, "pemat", None)  # needs list_select_related "pemat"
        if score is None:
            url = reverse("admin:education_pematscore_add") + f"?article={obj.pk}"
            return format_html('<a href="{}">not scored</a>', url)
        url = reverse("admin:education_pematscore_change", args=[score.pk])
        return format_html('<a href="{}">{}</a>', url, score_text(pemat.score(score.answers, scale)))

    column.__name__ = f"pemat_{scale}"
    return column


understandability_column = _column(pemat.UNDERSTANDABILITY, "PEMAT understandable")
actionability_column = _column(pemat.ACTIONABILITY, "PEMAT actionable")


@admin.display(description="PEMAT-P")
def pemat_column(obj):
    """Both scores in one article-list column (the list fits 1280 px): each links to its page."""
    if getattr(obj, "pemat", None) is None:
        return understandability_column(obj)  # "not scored", linked to the form
    return format_html(
        "understandable {}, actionable {}", understandability_column(obj), actionability_column(obj)
    )
