"""The editorial workflow in the admin: step buttons, list actions, review dates and checks.

Content with a medical review (articles, FAQs, safety items) runs through education.editorial.workflow:
buttons and list actions for each step, permission-checked on the server.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from education.admin.history import HistoryAdmin
from education.editorial import notifications, workflow
from education.editorial.forms import WorkflowForm
from education.models import Draft, Status
from education.models.base import ENDED, SCHEDULED, patient_state
from education.text.dates import staff_date, staff_datetime


@admin.action(description="Submit selected for medical review")
def submit_for_review(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "submit")


@admin.action(description="Back to draft (withdraw from review)")
def withdraw(modeladmin, request, queryset):
    modeladmin.run_transition(request, queryset, "withdraw")


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
    # No bulk "approve and publish": an approval signs the version the reviewer read on its own page.
    actions = [submit_for_review, withdraw, mark_reviewed_today, archive, unpublish]
    status_columns = ["status", "patients_see", "schedule", "reviewer", "next_review", "warning_count"]
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
        base_url = request.build_absolute_uri("/")[:-1]
        try:
            if step == "mark_reviewed":
                message = workflow.mark_reviewed(obj, request.user)
            elif step in workflow.SAVED_FIRST:
                # Submitting goes through the change form, which saves what is in it first: a post
                # here (a forged one, or a page from before that) would send the saved text unseen.
                raise workflow.WorkflowError(
                    f"“{obj}” was not sent for review: use “Save and submit for medical review” on its "
                    "page, which saves what is in the form first."
                )
            else:
                note = request.POST.get("comment", "")
                message = workflow.apply_transition(
                    obj, step, request.user, request.POST.get("version"), note=note
                )
                if step == "send_back":
                    tracker = Draft.objects.for_object(obj).filter(new_item=True).last()
                    if tracker is not None:
                        notifications.sent_back(tracker, request.user, note.strip(), base_url)
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
                workflow_steps=[
                    t
                    for t in workflow.available_transitions(obj, request.user)
                    if t.name not in workflow.SAVED_FIRST  # in the main form: save and submit
                ],
                can_mark_reviewed=self.has_publish_permission(request),
                transition_url=reverse(self._url("transition"), args=[obj.pk]),
                editorial_warnings=(
                    obj._draft.editorial_warnings if hasattr(obj, "_draft") else self.warnings_for(obj)
                ),
                # Overdue applies to live content: a never-published draft has nothing to re-review.
                review_state=workflow.review_state(obj) if obj.status == Status.PUBLISHED else None,
                is_live=workflow.is_live(obj),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if self.defer_to_draft(request, obj, form, change):
            return
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
        obj._history_user = request.user  # who saved it, for the history and the review conversation
        obj.save(check=False)  # checked once in save_related, when inlines (references) are saved too
        if patient_state(obj) in (SCHEDULED, ENDED):
            self.message_user(request, f"“{obj}” is published but scheduled: {schedule_text(obj)}.")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not getattr(form, "_drafted", False):
            form.instance.refresh_editorial_warnings()

    def warnings_for(self, obj):
        return obj.editorial_warnings

    @admin.display(description="Next review due")
    def next_review(self, obj):
        due = obj.next_review_due
        if due is None:
            return "Not reviewed yet"
        state = workflow.review_state(obj)
        suffix = {"overdue": " (overdue)", "due_soon": " (due soon)"}.get(state, "")
        return f"{staff_date(due)}{suffix}"

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
    state = patient_state(obj)
    if state is None:
        return "—"
    if state == SCHEDULED:
        return f"goes live {staff_datetime(obj.publish_at)}"
    if state == ENDED:
        return f"hidden since {staff_datetime(obj.unpublish_at)}"
    if obj.unpublish_at:
        return f"live, hidden from {staff_datetime(obj.unpublish_at)}"
    return "live"
