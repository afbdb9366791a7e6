"""The admin side of drafts: editing live content saves a draft, shown again on the change form.

DraftAdminMixin goes on every admin of content patients see. It never names a field: the draft
carries whatever the model's form and inlines hold (education.editorial.drafts).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from education.editorial import drafts, notifications, panels, workflow
from education.editorial.forms import VersionedForm
from education.models import Draft, ReviewEvent
from education.models.base import LIVE, SCHEDULED, ReviewedContent, patient_state
from education.text.dates import staff_date, staff_day_time

EMAIL_NOTICE_KEY = "drafts-email-notice-shown"
SAVE_AND_SUBMIT = "_save_and_submit"  # the change form's "Save and submit for medical review" button


def status_text(obj, draft=None, now=None):
    """What patients see, in plain words."""
    state = patient_state(obj, now)
    if state == SCHEDULED:
        return f"Scheduled for {staff_day_time(obj.publish_at)}"
    if state != LIVE:
        return "Not on the site"
    unpublish_at = getattr(obj, "unpublish_at", None)
    text = "Live"
    if draft is not None:
        text += {
            Draft.State.IN_REVIEW: ", with a draft in review",
            Draft.State.SENT_BACK: ", with a draft sent back for changes",
            Draft.State.DRAFT: ", with an unsubmitted draft",
        }.get(draft.state, "")
        if draft.state == Draft.State.SCHEDULED and draft.go_live_at:
            text += f"; new version scheduled for {staff_day_time(draft.go_live_at)}"
    if unpublish_at:
        text += f" (hidden from {staff_day_time(unpublish_at)})"
    return text


def approved_line(obj):
    """ "Patients see the version approved on 3 Nov by Dr Ruiz" (or the best we know)."""
    if isinstance(obj, ReviewedContent) and obj.reviewer_id and obj.last_reviewed:
        return f"Patients see the version approved on {staff_date(obj.last_reviewed)} by {obj.reviewer.name}"
    applied = (
        Draft.objects.for_object(obj).filter(state=Draft.State.APPLIED).select_related("approved_by").last()
    )
    if applied and applied.approved_at:
        who = getattr(applied.approved_by, "medical_reviewer", None) or applied.approved_by
        name = getattr(who, "name", who)
        day = timezone.localtime(applied.approved_at)
        return f"Patients see the version approved on {staff_date(day)} by {name}"
    return "Patients see the live version"


def conversation(obj):
    """Every step of the item's review, saves included, with who and when (newest last)."""
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("user")


class DraftAdminMixin:
    """Live content edited by someone who cannot approve it is saved as a draft, not on the row."""

    change_form_template = "admin/education/draft_change_form.html"

    def draft_mode(self, request, obj):
        return drafts.needs_draft(request.user, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self.draft_mode(request, obj):
            obj._draft_mode = True
            # An approved change waiting to go live is shown so edits build on it (as a new draft).
            draft = drafts.open_draft(obj) or drafts.scheduled_draft(obj)
            if draft is not None:
                drafts.overlay(obj, draft)
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if getattr(obj, "_draft_mode", False) and "status" not in readonly and _has(self.model, "status"):
            readonly.append("status")  # the live item stays published; the draft is what changes
        return readonly

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        spec = getattr(obj, "_draft_inlines", {}).get(prefix)
        if spec is not None:
            # The draft's rows, not the live ones: shown (and posted back) as new rows.
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = drafts.inline_initial(spec["rows"], inline.model, spec["fk"])
        return kwargs

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            rows = getattr(obj, "_draft_inlines", {}).get(formset.get_default_prefix())
            if rows is not None:
                formset = type(formset.__name__, (formset,), {"extra": len(rows["rows"]) + 1})
            yield formset, inline

    def get_queryset(self, request):
        # The state of each row's open draft, read with the rows (one query for a whole list page).
        working = Draft.objects.working().filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(open_draft_state=Subquery(working.values("state")[:1]))

    @admin.display(description="What patients see")
    def patients_see(self, obj):
        state = getattr(obj, "open_draft_state", None)
        return status_text(obj, Draft(state=state) if state else None)

    def defer_to_draft(self, request, obj, form, change):
        """Whether this save becomes a draft (saved in save_related, once inline rows are known)."""
        if change and (getattr(obj, "_draft_mode", False) or self.draft_mode(request, obj)):
            form._drafted = True
        return getattr(form, "_drafted", False)

    def save_model(self, request, obj, form, change):
        if self.defer_to_draft(request, obj, form, change):
            return
        if not change and _switched_on(obj) and not workflow.can_approve(request.user, type(obj)):
            # A new item of content that is live once it exists (a self-check question, a checklist
            # line): saved switched off, with a draft that switches it on when a reviewer approves.
            obj.active, form._switch_on = False, True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "_switch_on", False):
            super().save_related(request, form, formsets, change)
            obj = form.instance
            obj.active = True
            request._saved_draft = drafts.save_draft(
                obj, request.user, {"fields": drafts.row_of(obj)}, ["active"]
            )
            return
        if not getattr(form, "_drafted", False):
            return super().save_related(request, form, formsets, change)
        full = isinstance(form, VersionedForm)
        snapshot = drafts.form_snapshot(form.instance, form, formsets if full else [])
        changed = None if full else [self.model._meta.get_field(name).attname for name in form.changed_data]
        draft = drafts.save_draft(form.instance, request.user, snapshot, changed)
        request._saved_draft = draft
        if not full:
            self.message_user(
                request,
                f"“{draft.title}”: saved as a draft. Patients keep seeing the live version until a medical "
                f"reviewer approves it (see {panels.on_home_page(panels.AWAITING_REVIEW)}).",
                messages.WARNING,
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form, "_drafted", False):
            fields = [str(form.fields[n].label or n) for n in form.changed_data if n in form.fields]
            return f"Saved a draft (not live): {', '.join(fields) or 'no field changes'}."
        return super().construct_change_message(request, form, formsets, add)

    def response_add(self, request, obj, post_url_continue=None):
        draft = getattr(request, "_saved_draft", None)
        if draft is None:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            f"“{obj}” is saved but switched off: patients see it once a medical reviewer approves it. "
            "Submit it for review below.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:education_draft_change", args=[draft.pk]))

    def response_change(self, request, obj):
        if SAVE_AND_SUBMIT in request.POST:
            return self.save_and_submit(request, obj)
        draft = getattr(request, "_saved_draft", None)
        if draft is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            "Saved as a draft. Patients still see the live version. When it is ready, submit it for review "
            "below (with a note for the reviewer if you like).",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:education_draft_change", args=[draft.pk]))

    def save_and_submit(self, request, obj):
        """The form was valid and is saved (a draft of live content, or a new item's own row), in this
        request's transaction: now submit exactly that. An invalid form never gets here (Django shows
        it again with its errors), so nothing unsaved is ever submitted."""
        note, base_url = request.POST.get("_review_note", ""), request.build_absolute_uri("/")[:-1]
        draft = getattr(request, "_saved_draft", None)
        change = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        try:
            if draft is not None:
                drafts.submit(draft.pk, request.user, note, base_url)
                change = reverse("admin:education_draft_change", args=[draft.pk])
            elif type(obj) in workflow.WORKFLOW_MODELS:
                obj.refresh_from_db()
                if obj.status != "in_review":  # not already put in review by its status field
                    workflow.apply_transition(obj, "submit", request.user, note=note)
                notifications.item_submitted(obj, request.user, note, base_url)
            else:
                raise workflow.WorkflowError("this kind of content has no review step of its own.")
        except workflow.WorkflowError as error:
            self.message_user(request, f"Saved, but not sent for review: {error}", messages.ERROR)
            return HttpResponseRedirect(change)
        self.message_user(
            request,
            f"Saved and sent for medical review: “{obj}”. Patients do not see these changes until a medical "
            "reviewer approves them.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(change)

    def submit_label(self, request, obj, draft):
        """The change form's save-and-submit button, when this user can submit the item now."""
        if getattr(obj, "_draft_mode", False):
            working = draft is None or draft.state in (Draft.State.DRAFT, Draft.State.SENT_BACK)
        else:
            working = getattr(obj, "status", None) == "draft" and any(
                t.name == "submit" for t in workflow.available_transitions(obj, request.user)
            )
        if not working:
            return None
        again = draft is not None and draft.state == Draft.State.SENT_BACK
        return "Save and resubmit for medical review" if again else "Save and submit for medical review"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is not None:
            live = type(obj)._default_manager.get(pk=obj.pk)
            draft = drafts.open_draft(live)
            extra_context.update(
                submit_label=self.submit_label(request, obj, draft),
                draft=draft,
                scheduled=drafts.scheduled_draft(live),
                draft_mode=getattr(obj, "_draft_mode", False),
                live_status=status_text(live, draft),
                approved_line=approved_line(live),
                review_events=conversation(live),
                can_approve=workflow.can_approve(request.user, self.model),
            )
            show_email_notice(request)
        return super().change_view(request, object_id, form_url, extra_context)


def show_email_notice(request):
    """Once (per staff member, per half day): say that review e-mails are not sent because e-mail is
    not set up. Remembered in the cache, not the session, so showing it sets no cookie."""
    if notifications.email_configured():
        return
    if not cache.add(f"{EMAIL_NOTICE_KEY}:{request.user.pk}", True, 12 * 60 * 60):
        return
    messages.info(
        request,
        "E-mail is not set up on this server (DJANGO_EMAIL_BACKEND), so nobody is e-mailed about drafts: "
        f"reviewers find them in {panels.on_home_page(panels.AWAITING_REVIEW)}.",
    )


def _has(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def _switched_on(obj):
    """A model whose items patients see unless their boolean "active" is off, and this one is on."""
    field = next((f for f in obj._meta.concrete_fields if f.name == "active"), None)
    return field is not None and field.get_internal_type() == "BooleanField" and obj.active
