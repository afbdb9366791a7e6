"""The admin home page panels: the review queue (drafts and new items awaiting review, every kind)
and "Medical review due"."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from education.editorial import scheduling, workflow
from education.models import Draft, ReviewEvent, Status

register = template.Library()


def _new_items_in_review(user, mine_only):
    """Never-published items in "In medical review" status (they are rows, not drafts)."""
    rows = []
    for model in workflow.WORKFLOW_MODELS:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        content_type = ContentType.objects.get_for_model(model)
        for obj in model.objects.filter(status=Status.IN_REVIEW):
            event = (
                ReviewEvent.objects.filter(content_type=content_type, object_id=obj.pk, kind="submitted")
                .select_related("user")
                .last()
            )
            who = event.user if event else None
            if mine_only and who != user:
                continue
            rows.append(
                {
                    "title": str(obj),
                    "kind": opts.verbose_name,
                    "state": "New, in review (not on the site yet)",
                    "who": who,
                    "when": event.created_at if event else obj.updated_at,
                    "note": event.note if event else "",
                    "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
                }
            )
    return rows


@register.inclusion_tag("admin/education/review_queue.html", takes_context=True)
def review_queue(context):
    """Reviewers: everything awaiting review, oldest first. Editors: their own drafts and their state."""
    user = context["request"].user
    scheduling.apply_due_drafts()  # also here, in case the shared cache lost the next go-live time
    reviewer = workflow.is_reviewer(user)
    queryset = Draft.objects.open().select_related("content_type", "submitted_by", "updated_by")
    if reviewer:
        queryset = queryset.filter(state=Draft.State.IN_REVIEW)
    else:
        queryset = queryset.filter(Q(created_by=user) | Q(submitted_by=user) | Q(updated_by=user))
    rows = [
        {
            "title": draft.title,
            "kind": draft.kind,
            "state": draft.get_state_display(),
            "who": draft.submitted_by or draft.updated_by,
            "when": draft.submitted_at or draft.updated_at,
            "note": draft.note,
            "url": draft.get_absolute_url(),
        }
        for draft in queryset
        if not reviewer or (draft.model is not None and workflow.can_approve(user, draft.model))
    ]
    rows += _new_items_in_review(user, mine_only=not reviewer)
    rows.sort(key=lambda row: row["when"])
    return {"rows": rows, "reviewer": reviewer, "drafts_url": reverse("admin:education_draft_changelist")}


@register.inclusion_tag("admin/education/review_dashboard.html", takes_context=True)
def review_dashboard(context):
    request = context["request"]
    rows = []
    for item in workflow.review_due():
        opts = item.obj._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        rows.append(
            {
                "item": item,
                "kind": opts.verbose_name,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.obj.pk]),
            }
        )
    return {"rows": rows, "days": workflow.DUE_SOON_DAYS}
