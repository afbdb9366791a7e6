"""The review page of a draft (compare, preview side by side, submit, approve, send back) and the
"Drafts" list: every kind of content in one queue, oldest submission first, with counts."""

from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from education.admin.drafts import approved_line, show_email_notice, status_text
from education.content.views import has_patient_preview
from education.editorial import drafts, workflow
from education.models import Draft


class GoLiveForm(forms.Form):
    go_live_at = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label="Go live at (optional)",
        help_text="Empty: live at once. A later time: the current version keeps showing until then.",
    )


class KindFilter(admin.SimpleListFilter):
    title = "kind of content"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).values_list("content_type", flat=True).distinct()
        from django.contrib.contenttypes.models import ContentType

        return [(ct.pk, str(ct.model_class()._meta.verbose_name).capitalize()) for ct in
                ContentType.objects.filter(pk__in=list(kinds)) if ct.model_class()]  # fmt: skip

    def queryset(self, request, queryset):
        return queryset.filter(content_type=self.value()) if self.value() else queryset


class ScopeFilter(admin.SimpleListFilter):
    """The home page's panels, as filters: the same querysets, so the counts agree."""

    title = "show"
    parameter_name = "show"

    def lookups(self, request, model_admin):
        return [("review", "Awaiting my review"), ("mine", "My open drafts and new items")]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(pk__in=drafts.awaiting_review(request.user).values("pk"))
        if self.value() == "mine":
            return queryset.filter(pk__in=drafts.my_open(request.user).values("pk"))
        return queryset


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = [
        "title_link",
        "kind_label",
        "state",
        "submitted_by",
        "submitted_at",
        "note_excerpt",
        "updated_at",
    ]
    list_filter = [ScopeFilter, "state", KindFilter]
    search_fields = ["title", "note"]
    show_facets = admin.ShowFacets.ALWAYS  # counts next to every filter choice
    ordering = ["submitted_at", "created_at"]
    list_select_related = ["content_type", "submitted_by"]

    def get_queryset(self, request):
        # The same rule as the home page's panels (education.editorial.drafts.visible_to).
        return drafts.visible_to(request.user).select_related(*self.list_select_related)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Kind")
    def kind_label(self, obj):
        return f"New {obj.kind} (not published yet)" if obj.new_item else str(obj.kind).capitalize()

    def get_list_display_links(self, request, list_display):
        return None  # the title links to where the item is worked on (title_link)

    @admin.display(description="Title", ordering="title")
    def title_link(self, obj):
        return format_html('<a href="{}">{}</a>', drafts.admin_url(obj), obj.title)

    @admin.display(description="Note")
    def note_excerpt(self, obj):
        return Truncator(obj.note).chars(80) or "—"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/step/", view(self.step_view), name="education_draft_step"),
            path("<path:object_id>/discard/", view(self.discard_view), name="education_draft_discard"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return csp_update({"frame-src": ["'self'"]})(self.review_view)(request, object_id)

    def review_view(self, request, object_id):
        draft = (
            self.get_queryset(request)
            .filter(pk=unquote(object_id))
            .select_related("content_type", "created_by", "updated_by", "submitted_by")
            .first()
        )
        if draft is None:
            raise Http404("No such draft (or it is not yours to see).")
        if draft.new_item:  # a new item is edited, compared and reviewed on its own page
            return HttpResponseRedirect(drafts.admin_url(draft))
        model = draft.model
        live = model._default_manager.filter(pk=draft.object_id).first() if model else None
        if live is None and draft.state not in (Draft.State.APPLIED, Draft.State.DISCARDED):
            self.message_user(
                request,
                f"“{draft.title}” was deleted after this draft was made: it cannot be approved. "
                "Its text is kept below (Draft contents) for you to copy.",
                messages.WARNING,
            )
        show_email_notice(request)
        user = request.user
        approver = model is not None and workflow.can_approve(user, model)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Draft of the {draft.kind} “{draft.title}”",
            "opts": self.model._meta,
            "draft": draft,
            "live": live,
            "live_status": status_text(live, draft) if live else "Not on the site (deleted)",
            "approved_line": approved_line(live) if live else "",
            "diffs": drafts.draft_diff(draft, live) if model else [],
            "contents": drafts.draft_contents(draft) if model and live is None else [],
            "events": draft.events.select_related("user").exclude(kind="saved"),
            "preview": live is not None and has_patient_preview(model),
            "edit_url": (
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[live.pk])
                if live is not None and draft.state in Draft.WORKING_STATES and not approver
                else None
            ),
            "can_submit": draft.state in (Draft.State.DRAFT, Draft.State.SENT_BACK) and live is not None,
            "can_approve": approver and draft.state in drafts.APPROVABLE and live is not None,
            "can_send_back": approver and draft.state == Draft.State.IN_REVIEW,
            "can_discard": draft.state in Draft.WORKING_STATES
            and (approver or draft.created_by_id == user.pk),
            "can_cancel_approval": approver and draft.state == Draft.State.SCHEDULED,
            "can_restore": draft.state == Draft.State.DISCARDED
            and live is not None
            and self._may_edit(request, draft),
            "is_approver": approver,
            "has_signature": getattr(user, "medical_reviewer", None) is not None,
            "go_live_form": GoLiveForm(),
            "step_url": reverse("admin:education_draft_step", args=[draft.pk]),
        }
        return TemplateResponse(request, "admin/education/draft_review.html", context)

    def step_view(self, request, object_id):
        """The review page's buttons post here; every rule is checked again on the server."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        draft = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if draft is None:
            self.message_user(request, "This draft no longer exists.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:education_draft_changelist"))
        step, base_url = request.POST.get("step", ""), request.build_absolute_uri("/")[:-1]
        back = HttpResponseRedirect(reverse("admin:education_draft_change", args=[draft.pk]))
        try:
            if draft.model is None or not self._may_edit(request, draft):
                raise PermissionError("You cannot change this kind of content.")
            if draft.new_item:
                raise drafts.DraftError(
                    f"“{draft.title}” is a new item: submit, approve or send it back on its own page."
                )
            if step == "submit":
                message = drafts.submit(draft.pk, request.user, request.POST.get("note", ""), base_url)
            elif step == "send_back":
                message = drafts.send_back(draft.pk, request.user, request.POST.get("comment", ""), base_url)
            elif step == "discard":
                # Discarding asks first (its own page): a bare post, forged or from an old page, does not.
                drafts.check_may_discard(draft, request.user)
                self.message_user(request, "Confirm below to discard the draft.", messages.WARNING)
                return HttpResponseRedirect(reverse("admin:education_draft_discard", args=[draft.pk]))
            elif step == "restore":
                message = drafts.restore_discarded(draft.pk, request.user)
            elif step == "approve":
                form = GoLiveForm(request.POST)
                if not form.is_valid():
                    raise drafts.DraftError(
                        "The go-live time is not a date and time (e.g. 2026-12-03 09:00)."
                    )
                when = form.cleaned_data["go_live_at"]
                if when is not None and when <= timezone.now():
                    when = None  # a time already past: live now
                seen = request.POST.get("version")
                message = drafts.approve(draft.pk, request.user, seen, when, base_url=base_url)
            else:
                raise drafts.DraftError("Unknown step.")
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        except workflow.WorkflowError as error:  # DraftError included
            self.message_user(request, str(error), messages.ERROR)
            return back
        self.message_user(request, message, messages.SUCCESS)
        return back

    def discard_view(self, request, object_id):
        """Are you sure? (GET), then discard (POST with the confirmation and the version shown)."""
        draft = self.get_queryset(request).filter(pk=unquote(object_id), new_item=False).first()
        if draft is None or draft.model is None:
            raise Http404("No such draft (or it is not yours to see).")
        try:
            if not self._may_edit(request, draft):
                raise PermissionError("You cannot change this kind of content.")
            drafts.check_may_discard(draft, request.user)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        back = HttpResponseRedirect(reverse("admin:education_draft_change", args=[draft.pk]))
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                message = drafts.discard(draft.pk, request.user, request.POST.get("version", ""))
            except PermissionError as error:
                raise PermissionDenied(str(error)) from error
            except workflow.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
                return back
            self.message_user(request, message, messages.SUCCESS)
            return back
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if draft.state not in (*Draft.WORKING_STATES, Draft.State.SCHEDULED):
            self.message_user(request, "This draft is already closed.", messages.WARNING)
            return back
        context = {
            **self.admin_site.each_context(request),
            "title": "Are you sure?",
            "opts": self.model._meta,
            "draft": draft,
        }
        return TemplateResponse(request, "admin/education/draft_discard.html", context)

    @staticmethod
    def _may_edit(request, draft):
        opts = draft.model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
