"""The admin home page panels: the review queue (drafts and new items awaiting review, every kind)
and "Medical review due". Each shows a count and its first few rows (editorial.panels.ROWS), read
with a fixed number of small queries however much content there is."""

from django import template
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode

from education.editorial import panels, scheduling, workflow
from education.editorial.filters import ReviewDueFilter
from education.models import Draft, ReviewEvent, Status

register = template.Library()


def _list_url(model, **filters):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?" + urlencode(filters)


def _viewable(user):
    return [
        model
        for model in workflow.WORKFLOW_MODELS
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]


def _new_items_in_review(user, mine_only):
    """Never-published items in "In medical review" status (they are rows, not drafts): per kind,
    (count, the oldest few rows, "view all" link), with who submitted each read in the same query."""
    found = []
    for model in _viewable(user):
        opts = model._meta
        submitted = ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), kind="submitted"
        ).order_by("-created_at", "-pk")
        queryset = model.objects.filter(status=Status.IN_REVIEW).annotate(
            submitted_by_id=Subquery(submitted.values("user")[:1]),
            submitted_at=Subquery(submitted.values("created_at")[:1]),
            submitted_note=Subquery(submitted.values("note")[:1]),
        )
        if mine_only:
            queryset = queryset.filter(submitted_by_id=user.pk)
        rows = [
            {
                "title": str(obj),
                "kind": opts.verbose_name,
                "state": "New, in review (not on the site yet)",
                "who_id": obj.submitted_by_id,
                "when": obj.submitted_at or obj.updated_at,
                "note": obj.submitted_note or "",
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
            }
            for obj in queryset.order_by(Coalesce("submitted_at", "updated_at"), "pk")[: panels.ROWS]
        ]
        count = queryset.count()
        if count:
            label = f"View all new {opts.verbose_name_plural} in review ({count})"
            found.append((count, rows, (label, _list_url(model, status__exact=Status.IN_REVIEW))))
    return found


def _approvable_kinds(user):
    """A Q on drafts' content types: the kinds of content this reviewer may approve."""
    cannot = [m for m in workflow.WORKFLOW_MODELS if not workflow.can_publish(user, m)]
    kinds = ~Q(content_type__in=[ContentType.objects.get_for_model(m) for m in cannot])
    if not user.has_perm("education.approve_draft"):  # only the reviewed kinds they may publish
        can = [m for m in workflow.WORKFLOW_MODELS if m not in cannot]
        kinds &= Q(content_type__in=[ContentType.objects.get_for_model(m) for m in can])
    return kinds


@register.inclusion_tag("admin/education/review_queue.html", takes_context=True)
def review_queue(context):
    """Reviewers: everything awaiting review, oldest first. Editors: their own drafts and their state."""
    user = context["request"].user
    scheduling.apply_due_drafts()  # also here, in case the shared cache lost the next go-live time
    reviewer = workflow.is_reviewer(user)
    queryset = Draft.objects.open().select_related("content_type", "submitted_by", "updated_by")
    drafts_url = reverse("admin:education_draft_changelist")
    if reviewer:
        queryset = queryset.filter(_approvable_kinds(user), state=Draft.State.IN_REVIEW)
        view_all = f"{drafts_url}?{urlencode({'state__exact': Draft.State.IN_REVIEW})}"
    else:
        queryset = queryset.filter(Q(created_by=user) | Q(submitted_by=user) | Q(updated_by=user))
        view_all = f"{drafts_url}?{urlencode({'mine': 'yes'})}"
    oldest = queryset.order_by(Coalesce(F("submitted_at"), F("updated_at")), "pk")[: panels.ROWS]
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
        for draft in oldest
    ]
    draft_count = queryset.count()
    links = [(f"View all {'drafts in review' if reviewer else 'your drafts'} ({draft_count})", view_all)]
    count = draft_count
    new_items = _new_items_in_review(user, mine_only=not reviewer)
    users = {}
    for item_count, item_rows, link in new_items:
        count += item_count
        rows += item_rows
        links.append(link)
        users.update({row["who_id"]: None for row in item_rows if row["who_id"]})
    # Who submitted the new items shown: one query for the few rows on the page.
    users = {u.pk: u for u in get_user_model()._default_manager.filter(pk__in=users)} if users else {}
    for row in rows:
        if "who_id" in row:
            row["who"] = users.get(row.pop("who_id"))
    rows.sort(key=lambda row: row["when"])
    return {
        "rows": rows[: panels.ROWS],
        "count": count,
        "reviewer": reviewer,
        "title": panels.AWAITING_REVIEW if reviewer else panels.YOUR_DRAFTS,
        "links": links,
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
