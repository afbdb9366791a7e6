"""The staff product: every model, with the columns, filters and shortcuts staff need.

Content with a medical review (articles, FAQs, safety items) runs through the workflow in
education.workflow: buttons and list actions for each step, permission-checked on the server.
Everything with history can be compared version by version and restored in one step, and
every versioned form refuses to save over someone else's newer change.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from education.editorial import workflow
from education.editorial.checks import check_article, check_text
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyItem,
    SelfCheckQuestion,
    Status,
    Topic,
    TreatmentDayStep,
)

# --- Forms -----------------------------------------------------------------------------------


class VersionedForm(forms.ModelForm):
    """Optimistic locking: the form carries the version it was opened at, and a save is refused
    when someone else saved in between. The refused text stays on the form, and the form then
    carries the newest version, so saving again (after merging) is a deliberate choice."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # The admin saves inside one transaction: the row lock (PostgreSQL) holds until this save
        # commits, so two saves at the same moment cannot both pass the check. On SQLite one of
        # two overlapping saves fails with "database is locked" instead.
        manager = type(self.instance)._default_manager
        current = manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError(
                "This item was deleted by someone else while you edited it. Copy your text."
            )
        opened_at = cleaned.get("opened_version")
        if opened_at is not None and opened_at != current.version:
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current.version
            raise ValidationError(conflict_message(current, opened_at), code="stale")
        return cleaned

    def _update_errors(self, errors):
        # A model rule about a field this user cannot edit is shown at the top of the form.
        if hasattr(errors, "error_dict"):
            remapped = {}
            for field, errs in errors.error_dict.items():
                key = field if field in self.fields or field == NON_FIELD_ERRORS else NON_FIELD_ERRORS
                remapped.setdefault(key, []).extend(errs)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


def conflict_message(current, opened_at):
    latest = current.history.first()
    who = latest.history_user if latest and latest.history_user else "someone else"
    when = timezone.localtime(latest.history_date).strftime("%b %-d, %H:%M") if latest else "recently"
    changed = ""
    opened = current.history.filter(version=opened_at).first()
    if opened and latest:
        fields = [
            str(type(current)._meta.get_field(name).verbose_name)
            for name in latest.diff_against(opened).changed_fields
            if name not in ("version", "updated_at")
        ]
        if fields:
            changed = f" They changed: {', '.join(fields)}."
    return (
        f"Not saved: {who} saved this item ({when}) after you opened it.{changed} "
        "Your text is still in the form below. Open the item in a new tab to see their version, "
        "merge the two, then save again: that save will replace their version."
    )


class WorkflowForm(VersionedForm):
    """Only users who can publish are offered “published” and “archived”; a forged value is refused."""

    can_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is None or self.can_publish:
            return
        status.choices = [(Status.DRAFT, Status.DRAFT.label), (Status.IN_REVIEW, Status.IN_REVIEW.label)]
        status.error_messages["invalid_choice"] = (
            "Only medical reviewers can publish or archive. Choose “In medical review” to send it to them."
        )
        status.help_text = (
            "Choose “In medical review” when it is ready; a medical reviewer publishes it. "
            "Changes you make to published content go back to medical review."
        )
        if self.instance.status in (Status.PUBLISHED, Status.ARCHIVED):
            self.initial["status"] = Status.IN_REVIEW


# --- Filters ---------------------------------------------------------------------------------


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue or never reviewed"),
            ("due_soon", f"Due within {workflow.DUE_SOON_DAYS} days"),
            ("ok", "Up to date"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in ("overdue", "due_soon", "ok"):
            return queryset
        # The due date is derived (date + months), so it is computed in Python; content lists are small.
        today = timezone.localdate()
        wanted = [
            obj.pk
            for obj in queryset.only("pk", "last_reviewed", "review_interval_months")
            if workflow.review_state(obj, today) == self.value()
        ]
        return queryset.filter(pk__in=wanted)


class ScheduleFilter(admin.SimpleListFilter):
    title = "schedule"
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [
            ("live", "Patients can see it now"),
            ("scheduled", "Scheduled to go live"),
            ("ending", "Scheduled to be hidden"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.published(now=now)
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if self.value() == "ending":
            return queryset.published(now=now).filter(unpublish_at__isnull=False)
        return queryset


# --- History: readable diffs and one-step restore --------------------------------------------


class HistoryAdmin(SimpleHistoryAdmin):
    """History list with a readable diff per version and a permission-checked one-step restore."""

    form = VersionedForm
    object_history_list_template = "admin/education/object_history_list.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:history_id>/diff/",
                view(self.version_diff_view),
                name="{}_{}_version_diff".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
        ] + super().get_urls()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "opened_version" in flatten_fieldsets(fieldsets):
            return fieldsets
        # The hidden version travels with the form even when the fieldsets list fields by hand.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "opened_version"]}), *rest]

    def revert_disabled(self, request, obj=None):
        # Restores go through restore_view, which applies the workflow rules; the stock
        # revert form would not.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            return HttpResponseRedirect(reverse(self._url("restore"), args=[object_id, version_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _url(self, name):
        return f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_{name}"

    def _record(self, request, object_id, history_id, need_change):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("This item no longer exists. Its history is in “Recently deleted” in the log.")
        allowed = (
            self.has_change_permission(request, obj)
            if need_change
            else self.has_view_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        record = get_object_or_404(self.model.history.model, history_id=history_id, id=obj.pk)
        return obj, record

    def _diff_response(self, request, obj, title, diffs, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "object": obj,
            "diffs": diffs,
            "history_url": reverse(self._url("history"), args=[obj.pk]),
            **context,
        }
        return TemplateResponse(request, "admin/education/version_diff.html", context)

    def version_diff_view(self, request, object_id, history_id):
        obj, record = self._record(request, object_id, history_id, need_change=False)
        previous = record.prev_record
        return self._diff_response(
            request,
            obj,
            f"Changes in the version of {timezone.localtime(record.history_date):%b %-d, %Y %H:%M}",
            workflow.version_diff(previous, record),
            record=record,
            previous=previous,
            restore_url=reverse(self._url("restore"), args=[obj.pk, record.history_id]),
            can_restore=self.has_change_permission(request, obj),
        )

    def restore_view(self, request, object_id, history_id):
        obj, record = self._record(request, object_id, history_id, need_change=True)
        if request.method == "POST":
            notes = workflow.restore_version(record, request.user)
            self.message_user(
                request,
                f"Restored the version of {timezone.localtime(record.history_date):%b %-d, %Y %H:%M}. "
                "The restore is itself a new entry in the history.",
                messages.SUCCESS,
            )
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            return HttpResponseRedirect(reverse(self._url("change"), args=[obj.pk]))
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        current = obj.history.first()
        return self._diff_response(
            request,
            obj,
            f"Restore the version of {timezone.localtime(record.history_date):%b %-d, %Y %H:%M}?",
            workflow.version_diff(current, record),
            record=record,
            confirm_restore=True,
        )


# --- Workflow content ------------------------------------------------------------------------


@admin.action(description="Submit selected for medical review")
def submit_for_review(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "submit")


@admin.action(description="Back to draft (withdraw from review)")
def withdraw(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "withdraw")


@admin.action(description="Approve and publish selected", permissions=["publish"])
def approve_and_publish(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "publish")


@admin.action(description="Mark selected as medically reviewed today (by me)", permissions=["publish"])
def mark_reviewed_today(modeladmin, request, queryset):
    for obj in queryset:
        try:
            modeladmin.message_user(request, workflow.mark_reviewed(obj, request.user))
        except (workflow.WorkflowError, PermissionError) as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return


@admin.action(description="Archive selected", permissions=["publish"])
def archive(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "archive")


@admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "unpublish")


class WorkflowAdmin(HistoryAdmin):
    form = WorkflowForm
    change_form_template = "admin/education/workflow_change_form.html"
    actions = [submit_for_review, withdraw, approve_and_publish, mark_reviewed_today, archive, unpublish]
    review_fieldset = (
        "Medical review",
        {"fields": ["reviewer", "last_reviewed", "review_interval_months", "next_review", "review_notes"]},
    )

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "next_review", "editorial_check_list"]
        if not self.has_publish_permission(request):
            readonly += workflow.REVIEW_FIELDS  # signing off a review is a clinician's job
        return readonly

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            )
        ] + super().get_urls()

    def run_transition(self, request, queryset, name):
        done = 0
        for obj in queryset:
            try:
                message = workflow.apply_transition(obj, name, request.user)
            except workflow.WorkflowError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                done += 1
                if queryset.count() == 1:
                    self.message_user(request, message)
        if done and queryset.count() > 1:
            label = workflow.TRANSITIONS[name].done
            self.message_user(request, f"{done} {self.model._meta.verbose_name_plural} {label}.")

    def transition_view(self, request, object_id):
        """The step buttons on the change page post here. Server-side checks, whatever the page showed."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        step = request.POST.get("step", "")
        try:
            if step == "mark_reviewed":
                message = workflow.mark_reviewed(obj, request.user)
            else:
                message = workflow.apply_transition(obj, step, request.user)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse(self._url("change"), args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None:
            extra_context.update(
                workflow_steps=workflow.available_transitions(obj, request.user),
                can_mark_reviewed=self.has_publish_permission(request),
                transition_url=reverse(self._url("transition"), args=[obj.pk]),
                editorial_warnings=self.warnings_for(obj),
                review_state=workflow.review_state(obj),
                is_live=workflow.is_live(obj),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        previous = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        wanted = workflow.status_after_edit_by(request.user, obj, previous)
        # Only the full change form edits content; reordering in the list does not.
        if isinstance(form, WorkflowForm) and wanted != obj.status:
            obj.status = wanted
            self.message_user(
                request,
                "Your changes are saved and wait for medical review: patients do not see this item "
                "until a medical reviewer approves it.",
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)
        if obj.status == Status.PUBLISHED and not workflow.is_live(obj):
            self.message_user(request, f"“{obj}” is published but scheduled: {schedule_text(obj)}.")

    def warnings_for(self, obj):
        return []

    @admin.display(description="Next review due")
    def next_review(self, obj):
        due = obj.next_review_due
        if due is None:
            return "Not reviewed yet"
        state = workflow.review_state(obj)
        suffix = {"overdue": " (overdue)", "due_soon": " (due soon)"}.get(state, "")
        return f"{due:%b %-d, %Y}{suffix}"

    @admin.display(description="Schedule")
    def schedule(self, obj):
        return schedule_text(obj)

    @admin.display(description="Editorial checks")
    def editorial_check_list(self, obj):
        warnings = self.warnings_for(obj) if obj and obj.pk else []
        if not warnings:
            return "No warnings."
        return format_html(
            "<ul class='editorial-warnings'>{}</ul>",
            format_html_join("", "<li>{}</li>", ((w,) for w in warnings)),
        )

    @admin.display(description="Warnings")
    def warning_count(self, obj):
        return len(self.warnings_for(obj)) or "—"


def schedule_text(obj):
    now = timezone.now()
    local = timezone.localtime
    if obj.status != Status.PUBLISHED:
        return "—"
    if obj.publish_at and obj.publish_at > now:
        return f"goes live {local(obj.publish_at):%b %-d, %Y %H:%M}"
    if obj.unpublish_at and obj.unpublish_at <= now:
        return f"hidden since {local(obj.unpublish_at):%b %-d, %Y %H:%M}"
    if obj.unpublish_at:
        return f"live, hidden from {local(obj.unpublish_at):%b %-d, %Y %H:%M}"
    return "live"


# --- Model admins ----------------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MedicalReviewer)
class MedicalReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials", "user__username"]
    autocomplete_fields = ["user"]


class ReferenceInline(admin.StackedInline):
    """Stacked, not tabular: every input has its own label, and it reflows at 200% text size."""

    model = Reference
    extra = 1
    fields = ["title", "publisher", "year", "url", "order"]
    # A source typed without a scheme ("www.fda.gov") is an https:// address (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(WorkflowAdmin):
    list_display = [
        "title",
        "topic",
        "status",
        "schedule",
        "reviewer",
        "next_review",
        "reading_grade",
        "word_count",
        "reading_time",
        "warning_count",
        "updated_at",
    ]
    list_filter = ["status", ScheduleFilter, ReviewDueFilter, "topic", "featured", "reviewer"]
    list_select_related = ["topic", "reviewer"]
    search_fields = ["title", "summary", "key_points", "body"]
    prepopulated_fields = {"slug": ["title"]}
    # "related" is a plain labelled multiple <select> (see formfield_for_manytomany): select2's
    # autocomplete and the filter_horizontal boxes both fail axe's WCAG checks.
    inlines = [ReferenceInline]
    readonly_fields = ["preview_link", "reading_grade", "word_count", "reading_time"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "topic", "summary", "key_points", "body", "featured", "related"]},
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "preview_link"]}),
        WorkflowAdmin.review_fieldset,
        (
            "Editorial checks (updated on every save)",
            {"fields": ["editorial_check_list", "reading_grade", "word_count", "reading_time"]},
        ),
    ]

    def warnings_for(self, obj):
        return obj.editorial_warnings

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["widget"] = forms.SelectMultiple(attrs={"size": 8})
            kwargs.setdefault("help_text", "Shown under “Related articles” on this article's page.")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # References are saved after the article: re-run the checks that depend on them,
        # without adding a history entry of its own.
        article = form.instance
        Article.objects.filter(pk=article.pk).update(editorial_warnings=check_article(article))

    @admin.display(description="Reading time")
    def reading_time(self, obj):
        return f"{obj.reading_minutes} min" if obj.word_count else "—"

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article first to preview it."
        url = reverse("education:article_preview", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as patients will see it</a>', url
        )


@admin.register(FAQCategory)
class FAQCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FAQ)
class FAQAdmin(WorkflowAdmin):
    list_display = [
        "question",
        "category",
        "order",
        "status",
        "schedule",
        "reviewer",
        "next_review",
        "warning_count",
    ]
    list_editable = ["order"]
    list_filter = ["status", ScheduleFilter, ReviewDueFilter, "category", "reviewer"]
    list_select_related = ["category", "reviewer"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        (None, {"fields": ["category", "question", "slug", "answer", "order"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
        WorkflowAdmin.review_fieldset,
        ("Editorial checks", {"fields": ["editorial_check_list"]}),
    ]

    def warnings_for(self, obj):
        return check_text(obj.answer_html, obj.question)


@admin.register(SafetyItem)
class SafetyItemAdmin(WorkflowAdmin):
    list_display = [
        "title",
        "kind",
        "order",
        "status",
        "schedule",
        "reviewer",
        "next_review",
        "warning_count",
    ]
    list_editable = ["order"]
    list_filter = ["status", ScheduleFilter, ReviewDueFilter, "kind", "reviewer"]
    list_select_related = ["reviewer"]
    search_fields = ["title", "why", "guidance"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "why", "guidance", "order"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
        WorkflowAdmin.review_fieldset,
        ("Editorial checks", {"fields": ["editorial_check_list"]}),
    ]

    def warnings_for(self, obj):
        return check_text(obj.guidance_html, f"{obj.title}\n{obj.why}")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(HistoryAdmin):
    list_display = ["term", "also_known_as", "updated_at"]
    search_fields = ["term", "definition", "also_known_as"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(HistoryAdmin):
    list_display = ["name", "phone", "updated_at"]

    def has_add_permission(self, request):
        return not ClinicDetails.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TreatmentDayStep)
class TreatmentDayStepAdmin(SimpleHistoryAdmin):
    list_display = ["title", "duration", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title", "description"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "section", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["section", "active"]
    search_fields = ["text"]


@admin.register(SelfCheckQuestion)
class SelfCheckQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "level", "attention_answer", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["level", "active"]
    search_fields = ["text", "help_text", "guidance"]
    prepopulated_fields = {"slug": ["text"]}
