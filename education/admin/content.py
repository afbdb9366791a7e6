"""The admin for what patients read: topics, articles, FAQs, safety items, glossary, clinic details."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from education.admin.drafts import DraftAdminMixin
from education.admin.filters import DraftFilter, ReviewDueFilter, ScheduleFilter
from education.admin.history import HistoryAdmin
from education.admin.lists import LabelledListEditingMixin
from education.admin.pemat import pemat_column
from education.admin.workflow import WorkflowAdmin
from education.content.editor import RichTextAdminMixin
from education.content.views import has_patient_preview
from education.editorial.forms import VersionedForm, WorkflowForm
from education.models import (
    FAQ,
    Article,
    ClinicDetails,
    Draft,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyItem,
    Topic,
)
from education.search import staff as staff_search


@admin.register(Topic)
class TopicAdmin(LabelledListEditingMixin, DraftAdminMixin, admin.ModelAdmin):
    form = VersionedForm  # an Editor's change of a topic's name or summary is a draft first
    list_display = ["name", "order", "slug", "active"]
    list_filter = ["active"]  # switched off: brought by import_content, waiting for a reviewer
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MedicalReviewer)
class MedicalReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials", "user__username"]
    # "user" stays a plain labelled <select> (staff accounts are few): select2's autocomplete
    # box has no accessible name (axe: aria-input-field-name).


class ReferenceInline(admin.StackedInline):
    """Stacked, not tabular: every input has its own label, and it reflows at 200% text size."""

    model = Reference
    extra = 1
    fields = ["title", "publisher", "year", "url", "order"]
    # A source typed without a scheme ("www.fda.gov") is an https:// address (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# Pages with prices or programme rules say when staff last checked them (models.PriceDetails).
PRICE_DETAILS_FIELDSET = (
    "Prices and programmes",
    {"fields": ["shows_details_checked_on", "details_checked_on"]},
)


class ViewOnSiteOrPreviewMixin:
    """ "View on site" opens what staff can open: the public page while patients can see the item,
    otherwise its preview (the open draft's, or an article's own), never a 404."""

    def view_on_site(self, obj):
        if obj.is_visible_to_patients():
            return obj.get_absolute_url()
        # A new item's Draft row only tracks its review; the row itself is what there is to show.
        draft = Draft.objects.working().for_object(obj).filter(new_item=False).first()
        if draft is not None and has_patient_preview(type(obj)):
            return reverse("education:draft_preview", args=[draft.pk])
        if isinstance(obj, Article):
            return reverse("education:article_preview", args=[obj.pk])
        return None  # no page to show yet: Django leaves the link out


class IndexedSearchMixin:
    """Admin search (and the autocomplete boxes that pick these items) through the full-text index
    (education.search.staff), not ``icontains`` over every text column."""

    def get_search_results(self, request, queryset, search_term):
        found = staff_search.matching(queryset, search_term)
        if found is not None:
            return found, False
        if not search_term.strip():
            return queryset, False
        # Only stop words ("the"): the title alone, never a scan of the long texts.
        return queryset.filter(**{f"{self.search_fields[0]}__icontains": search_term.strip()}), False


class NotItselfAutocomplete(AutocompleteSelectMultiple):
    """The autocomplete asks for the other items only: the item being edited is left out."""

    exclude_pk = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?exclude={self.exclude_pk}" if self.exclude_pk else url


class ArticleForm(WorkflowForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = self.fields.get("related")
        if related is not None and self.instance.pk:
            # An article is never related to itself: not offered, and refused if posted anyway.
            related.queryset = related.queryset.exclude(pk=self.instance.pk)
            widget = getattr(related.widget, "widget", related.widget)  # inside the admin's wrapper
            if isinstance(widget, NotItselfAutocomplete):
                widget.exclude_pk = self.instance.pk


@admin.register(Article)
class ArticleAdmin(ViewOnSiteOrPreviewMixin, IndexedSearchMixin, RichTextAdminMixin, WorkflowAdmin):
    form = ArticleForm
    rich_text_fields, key_point_fields = ("body",), ("key_points",)  # the editor (content/editor.py)
    # What an editor scans a list for, in a table that fits 1280 px; the reading measures, reviewer,
    # schedule and last change are on each article's page (reviewer and schedule also as filters).
    list_display = ["title", "status", "patients_see", "topic", "next_review", "warning_count", pemat_column]
    list_filter = ["status", DraftFilter, ScheduleFilter, ReviewDueFilter, "topic", "featured", "reviewer"]
    list_select_related = ["topic", "reviewer", "pemat"]
    search_fields = ["title", "summary", "key_points", "body"]  # through the index: IndexedSearchMixin
    prepopulated_fields = {"slug": ["title"]}
    # One article among thousands: a search box (select2, made accessible by admin-extra/autocomplete.js),
    # never a <select> of every article.
    autocomplete_fields = ["related"]
    inlines = [ReferenceInline]
    readonly_fields = ["preview_link", "reading_grade", "smog_grade", "word_count", "reading_time"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "topic", "summary", "key_points", "body", "featured", "related"]},
        ),
        PRICE_DETAILS_FIELDSET,
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "preview_link"]}),
        WorkflowAdmin.review_fieldset,
        (
            "Editorial checks (updated on every save)",
            {"fields": ["editorial_check_list", "reading_grade", "smog_grade", "word_count", "reading_time"]},
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["widget"] = NotItselfAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault(
                "help_text", "Shown under “Related articles” on this article's page. Type to search."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        exclude = request.GET.get("exclude", "")
        if request.GET.get("field_name") == "related" and exclude.isdigit():
            queryset = queryset.exclude(pk=exclude)  # the autocomplete of an article's own page
        return queryset, duplicates

    @admin.display(description="Reading time")
    def reading_time(self, obj):
        return f"{obj.reading_minutes} min" if obj.word_count else "—"

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article first to preview it."
        draft = getattr(obj, "_draft", None)  # editing a draft of a live article: preview the draft
        if draft is not None:
            return format_html(
                '<a href="{}" target="_blank" rel="noopener">Preview the saved draft as patients see it</a>',
                reverse("education:draft_preview", args=[draft.pk]),
            )
        url = reverse("education:article_preview", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as patients will see it</a>', url
        )


@admin.register(FAQCategory)
class FAQCategoryAdmin(LabelledListEditingMixin, DraftAdminMixin, admin.ModelAdmin):
    form = VersionedForm  # patients see a category's name on /faq/: an Editor's change is a draft first
    list_display = ["name", "order", "slug", "active"]
    list_filter = ["active"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class OrderedItemAdmin(ViewOnSiteOrPreviewMixin, LabelledListEditingMixin, RichTextAdminMixin, WorkflowAdmin):
    """Short reviewed items shown in a set order on one page: FAQs and safety items.

    Subclasses name their title field, their grouping field and their text fields; the columns,
    filters and form layout follow from those.
    """

    title_field = group_field = ""
    text_fields = ()
    extra_fieldsets = ()
    list_editable = ["order"]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Seven columns that fit 1280 px: the schedule and the reviewer are filters and on the page.
        shown = [c for c in WorkflowAdmin.status_columns if c not in ("schedule", "reviewer")]
        cls.list_display = [cls.title_field, cls.group_field, "order", *shown]
        cls.list_filter = [
            "status",
            DraftFilter,
            ScheduleFilter,
            ReviewDueFilter,
            cls.group_field,
            "reviewer",
        ]
        cls.search_fields = [cls.title_field, *cls.text_fields]
        cls.prepopulated_fields = {"slug": [cls.title_field]}
        cls.fieldsets = [
            (None, {"fields": [cls.title_field, "slug", cls.group_field, *cls.text_fields, "order"]}),
            *cls.extra_fieldsets,
            ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
            WorkflowAdmin.review_fieldset,
            ("Editorial checks", {"fields": ["editorial_check_list"]}),
        ]


@admin.register(FAQ)
class FAQAdmin(OrderedItemAdmin):
    title_field, group_field, text_fields = "question", "category", ("answer",)
    extra_fieldsets = (PRICE_DETAILS_FIELDSET,)
    rich_text_fields = ("answer",)
    list_select_related = ["category", "reviewer"]


@admin.register(SafetyItem)
class SafetyItemAdmin(OrderedItemAdmin):
    title_field, group_field, text_fields = "title", "kind", ("why", "guidance")
    rich_text_fields = ("guidance",)
    list_select_related = ["reviewer"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(HistoryAdmin):
    list_display = ["term", "also_known_as", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["term", "definition", "also_known_as"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(HistoryAdmin):
    list_display = ["name", "phone", "updated_at"]

    def has_add_permission(self, request):
        return not ClinicDetails.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
