"""The admin home page panels: the review queue (drafts and new items awaiting review, every kind)
and "Medical review due". Each shows a count and its first few rows (editorial.panels.ROWS), read
with a fixed number of small queries however much content there is."""

from django import template
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode

from education.admin.filters import ReviewDueFilter
from education.editorial import drafts, panels, scheduling, workflow
from education.models import Status

register = template.Library()


def _viewable(user):
    return [
        model
        for model in workflow.WORKFLOW_MODELS
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]


def _list_url(model, **filters):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?" + urlencode(filters)


@register.inclusion_tag("admin/education/review_queue.html", takes_context=True)
def review_queue(context):
    """Reviewers: everything awaiting their review, oldest first. Editors: their open drafts and new
    items. The same querysets as the drafts list's "show" filter, so the counts agree."""
    user = context["request"].user
    scheduling.apply_due_drafts()  # also here, in case the shared cache lost the next go-live time
    reviewer = workflow.is_reviewer(user)
    queryset = drafts.awaiting_review(user) if reviewer else drafts.my_open(user)
    queryset = queryset.select_related("content_type", "submitted_by", "updated_by")
    oldest = queryset.order_by(Coalesce(F("submitted_at"), F("updated_at")), "pk")[: panels.ROWS]
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
        for draft in oldest
    ]
    count = queryset.count()
    drafts_url = reverse("admin:education_draft_changelist") + ("?show=review" if reviewer else "?show=mine")
    label = f"View all {'drafts and new items in review' if reviewer else 'your open drafts and new items'}"
    return {
        "rows": rows,
        "count": count,
        "reviewer": reviewer,
        "title": panels.AWAITING_REVIEW if reviewer else panels.YOUR_DRAFTS,
        "links": [(f"{label} ({count})", drafts_url)],
        "drafts_url": drafts_url,
    }


@register.inclusion_tag("admin/education/review_dashboard.html", takes_context=True)
def review_dashboard(context):
    models = _viewable(context["request"].user)
    links, count = [], 0
    for model in models:
        kind_count = workflow.review_due_queryset(model).count()
        count += kind_count
        if kind_count:
            url = _list_url(model, status__exact=Status.PUBLISHED, review=ReviewDueFilter.DUE)
            links.append((f"View all {model._meta.verbose_name_plural} due ({kind_count})", url))
    rows = [
        {
            "item": item,
            "kind": item.obj._meta.verbose_name,
            "url": reverse(
                f"admin:{item.obj._meta.app_label}_{item.obj._meta.model_name}_change", args=[item.obj.pk]
            ),
        }
        for item in (workflow.review_due(models=models, limit=panels.ROWS) if count else [])
    ]
    return {
        "rows": rows,
        "count": count,
        "links": links,
        "title": panels.REVIEW_DUE,
        "days": workflow.DUE_SOON_DAYS,
    }
