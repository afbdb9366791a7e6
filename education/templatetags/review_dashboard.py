"""The admin home page panels: the review queue (drafts and new items awaiting review, every kind)
and "Medical review due"."""

from django import template
from django.urls import reverse

from education.editorial import drafts, scheduling, workflow

register = template.Library()


@register.inclusion_tag("admin/education/review_queue.html", takes_context=True)
def review_queue(context):
    """Reviewers: everything awaiting their review, oldest first. Editors: their open drafts and new
    items. The same querysets as the drafts list's "show" filter, so the counts agree."""
    user = context["request"].user
    scheduling.apply_due_drafts()  # also here, in case the shared cache lost the next go-live time
    reviewer = workflow.is_reviewer(user)
    queryset = drafts.awaiting_review(user) if reviewer else drafts.my_open(user)
    queryset = queryset.select_related("content_type", "submitted_by", "updated_by")
    rows = [
        {
            "title": draft.title,
            "kind": draft.kind,
            "state": (
                f"New, {draft.get_state_display().lower()} (not on the site yet)"
                if draft.new_item
                else draft.get_state_display()
            ),  # fmt: skip
            "who": draft.submitted_by or draft.updated_by,
            "when": draft.submitted_at or draft.updated_at,
            "note": draft.note,
            "url": drafts.admin_url(draft),
        }
        for draft in queryset
    ]
    rows.sort(key=lambda row: row["when"])
    drafts_url = reverse("admin:education_draft_changelist") + ("?show=review" if reviewer else "?show=mine")
    return {"rows": rows, "reviewer": reviewer, "drafts_url": drafts_url}


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
