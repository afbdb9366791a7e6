"""History in the admin: a readable diff per version and a permission-checked one-step restore."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from education.admin.drafts import DraftAdminMixin
from education.editorial import drafts, workflow
from education.editorial.forms import VersionedForm
from education.text.dates import staff_datetime, staff_day_time


def saved_at(record):
    return staff_datetime(record.history_date)


def with_version_fields(fieldsets):
    """The hidden versions travel with the form even when the fieldsets list fields by hand."""
    if "opened_version" in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], "opened_version", "opened_draft"]}), *rest]


class HistoryAdmin(DraftAdminMixin, SimpleHistoryAdmin):
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
        return with_version_fields(fieldsets)

    def history_view(self, request, object_id, extra_context=None):
        # The drafts of this item (open and past) next to its live versions.
        from django.contrib.contenttypes.models import ContentType

        from education.models import Draft, ReviewEvent

        pk = unquote(object_id)
        drafts_of_item = Draft.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=pk if pk.isdigit() else -1
        ).select_related("updated_by", "approved_by")
        events = ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=pk if pk.isdigit() else -1
        ).exclude(kind="saved")
        extra_context = {
            **(extra_context or {}),
            "item_drafts": drafts_of_item.order_by("-updated_at"),
            "review_events": events.select_related("user"),
        }
        return super().history_view(request, object_id, extra_context)

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

    def _diff_response(self, request, obj, title, older, record, **context):
        """The page comparing ``older`` (a history record) with ``record``."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "object": obj,
            "diffs": workflow.version_diff(older, record),
            "record": record,
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
            f"Changes in the version of {saved_at(record)}",
            previous,
            record,
            previous=previous,
            restore_url=reverse(self._url("restore"), args=[obj.pk, record.history_id]),
            can_restore=self.has_change_permission(request, obj),
        )

    def restore_view(self, request, object_id, history_id):
        obj, record = self._record(request, object_id, history_id, need_change=True)
        if request.method == "POST" and drafts.needs_draft(request.user, obj):
            draft, notes = drafts.restore_as_draft(record, request.user)
            self.message_user(
                request,
                f"The version of {staff_day_time(record.history_date)} is a draft now. "
                "Patients keep seeing the live version until a medical reviewer approves it: submit it "
                "below.",
                messages.SUCCESS,
            )
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            return HttpResponseRedirect(reverse("admin:education_draft_change", args=[draft.pk]))
        if request.method == "POST":
            notes = workflow.restore_version(record, request.user)
            self.message_user(
                request,
                f"Restored the version of {saved_at(record)}. "
                "The restore is itself a new entry in the history.",
                messages.SUCCESS,
            )
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            return HttpResponseRedirect(reverse(self._url("change"), args=[obj.pk]))
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        title = f"Restore the version of {saved_at(record)}?"
        return self._diff_response(request, obj, title, obj.history.first(), record, confirm_restore=True)
