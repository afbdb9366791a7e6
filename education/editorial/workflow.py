"""The editorial workflow: who may move content between statuses, review dates, and restores.

draft -> in review -> published -> archived. Editors write and submit for review; only users
with the model's publish permission (the "Medical reviewers" group) publish, archive, unpublish
or mark content reviewed. The admin calls these functions; the rules live here, not in views.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_m2m_reverse_field_name

from education.editorial.textdiff import block_diff, same_text
from education.models import FAQ, Article, SafetyItem, Status
from education.models.base import SCHEDULED, patient_state
from education.text.dates import staff_date, staff_datetime, staff_day_time

WORKFLOW_MODELS = (Article, FAQ, SafetyItem)
DUE_SOON_DAYS = 30
REVIEW_FIELDS = ("reviewer", "last_reviewed", "review_interval_months")
# What describes an item's status rather than its content: who reviewed it and when, its workflow
# status, the demo flag. Restoring an earlier version brings back content only; these stay as now.
STATUS_FIELDS = ("status", *REVIEW_FIELDS, "review_notes", "is_demo")


class WorkflowError(Exception):
    """A step that cannot be taken; the message is shown to staff as it is."""


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def approve_permission(model):
    """The permission to approve a draft of this kind of content (or sign off a change to it)."""
    return publish_permission(model) if model in WORKFLOW_MODELS else "education.approve_draft"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def can_approve(user, model):
    """May this user approve a draft of this kind of content (or sign off a change to it)?"""
    return user.has_perm(approve_permission(model))


def is_reviewer(user):
    """A medical reviewer: may approve some kind of content (the review queue is theirs)."""
    return user.has_perm("education.approve_draft") or any(can_publish(user, m) for m in WORKFLOW_MODELS)


def approvers(model):
    """Active users who may approve drafts of this kind of content (the same rule, as a query)."""
    return get_user_model().objects.with_perm(
        approve_permission(model), backend="django.contrib.auth.backends.ModelBackend"
    )


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    needs_publish_permission: bool
    done: str  # completes "“Title” was …"


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit", "Submit for medical review", (Status.DRAFT,), Status.IN_REVIEW, False, "sent for review"
        ),
        Transition(
            "withdraw", "Back to draft", (Status.IN_REVIEW,), Status.DRAFT, False, "returned to draft"
        ),
        # A reviewer's "request changes" on a new item: the comment is required and goes into the
        # review conversation the editor sees (drafts.track_item records it).
        Transition(
            "send_back",
            "Send back with comment",
            (Status.IN_REVIEW,),
            Status.DRAFT,
            True,
            "sent back with your comment",
        ),
        Transition(
            "publish",
            "Approve and publish",
            (Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED),
            Status.PUBLISHED,
            True,
            "approved and published",
        ),
        Transition(
            "unpublish",
            "Unpublish (back to draft)",
            (Status.PUBLISHED, Status.ARCHIVED),
            Status.DRAFT,
            True,
            "unpublished and is a draft again",
        ),
        Transition("archive", "Archive", (Status.PUBLISHED,), Status.ARCHIVED, True, "archived"),
    )
}


SAVED_FIRST = ("submit",)  # change-page buttons that save the form first (WorkflowAdmin.response_change)


def available_transitions(obj, user):
    """The steps this user may take from the object's current status (for the change-page buttons).
    A reviewer sends back (with a comment) rather than withdrawing someone else's submission."""
    publisher = can_publish(user, type(obj))
    return [
        t
        for t in TRANSITIONS.values()
        if obj.status in t.sources
        and (publisher or not t.needs_publish_permission)
        and not (publisher and t.name == "withdraw")
    ]


def is_live(obj, now=None):
    """Can patients see it right now (published, inside its publish window)?"""
    return obj.is_visible_to_patients(now)


def check_publishable(obj):
    if obj.reviewer_id is None:
        raise WorkflowError(
            f"“{obj}” cannot be published: choose its medical reviewer first (Medical review section)."
        )


def saved_since(current, opened_at):
    """ "Ana saved this item (Dec 3, 10:02) after you opened it. They changed: body." """
    latest = current.history.first()
    who = latest.history_user if latest and latest.history_user else "someone else"
    when = staff_day_time(latest.history_date) if latest else "recently"
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
    return f"{who} saved this item ({when}) after you opened it.{changed}"


def check_seen_version(obj, seen_version):
    """Approving signs the version the reviewer's page showed: refused if the item changed since."""
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        raise WorkflowError(
            f"“{obj}” was not published: the approval did not say which version you read. "
            "Reload the page, read it, then approve again."
        ) from None
    if seen != obj.version:
        raise WorkflowError(
            f"“{obj}” was not published: {saved_since(obj, seen)} "
            "The page now shows the newest version: read it, then approve again."
        )


def apply_transition(obj, name, user, seen_version=None, note=""):
    """Move one object; returns the message to show. Raises WorkflowError or PermissionError.

    Publishing is an approval: ``seen_version`` must be the version the reviewer's page showed.
    ``note``: the submitter's note, or the reviewer's comment when sending back (required then).
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError("Unknown workflow step.")
    note = (note or "").strip()
    if name == "send_back" and not note:
        raise WorkflowError(
            f"“{obj}” was not sent back: write a comment saying what needs changing (it is required)."
        )
    if transition.needs_publish_permission and not can_publish(user, type(obj)):
        raise PermissionError("Only medical reviewers can publish, archive or unpublish content.")
    with transaction.atomic():
        # The row as it is now, locked: a save made after the page was loaded is never overwritten.
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if obj.status not in transition.sources:
            raise WorkflowError(
                f"“{obj}” is {obj.get_status_display().lower()}, so it cannot be {transition.done} now."
            )
        if transition.target == Status.PUBLISHED:
            check_seen_version(obj, seen_version)
            # Approval signs it: the approving clinician and today's date become the medical review.
            obj.reviewer = signing_reviewer(user)
            obj.last_reviewed = timezone.localdate()
            check_publishable(obj)
        obj.status = transition.target
        obj._history_user = user
        obj._review_step = (name, note)  # recorded in the review conversation (drafts.track_item)
        obj.save()
    message = f"“{obj}” was {transition.done}."
    if transition.target == Status.PUBLISHED and patient_state(obj) == SCHEDULED:
        message += f" Patients will see it from {staff_datetime(obj.publish_at)}."
    return message


def signing_reviewer(user):
    reviewer = getattr(user, "medical_reviewer", None)
    if reviewer is None:
        raise WorkflowError(
            "Your account is not linked to a medical reviewer record (name and credentials), so your "
            "approval cannot be signed. Ask an administrator to link it (Medical reviewers → your name → "
            "staff account), then approve."
        )
    return reviewer


def mark_reviewed(obj, user, today=None):
    """The signed-in clinician records that they checked the content today."""
    if not can_publish(user, type(obj)):
        raise PermissionError("Only medical reviewers can mark content as reviewed.")
    reviewer = getattr(user, "medical_reviewer", None)
    if reviewer is None:
        raise WorkflowError(
            "Your account is not linked to a medical reviewer record (name and credentials), "
            "so the review cannot be signed. Ask an administrator to link it."
        )
    obj.reviewer = reviewer
    obj.last_reviewed = today or timezone.localdate()
    obj._history_user = user
    obj.save()
    return f"“{obj}” was marked as reviewed by {reviewer.name} on {staff_date(obj.last_reviewed)}."


def status_after_edit_by(user, obj, previous_status):
    """An edit by someone who cannot publish never changes what patients see unreviewed:
    published or archived content they change goes back to medical review."""
    if can_publish(user, type(obj)):
        return obj.status
    if previous_status in (Status.PUBLISHED, Status.ARCHIVED) or obj.status in (
        Status.PUBLISHED,
        Status.ARCHIVED,
    ):
        return Status.IN_REVIEW
    return obj.status


# --- Medical review dates -------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    obj: object
    due: datetime.date | None  # None: never reviewed

    @property
    def overdue(self):
        return self.due is None or self.due < timezone.localdate()


def review_state(obj, today=None, within_days=DUE_SOON_DAYS):
    """'overdue', 'due_soon' or 'ok' (never reviewed counts as overdue)."""
    today = today or timezone.localdate()
    due = obj.next_review_due
    if due is None or due < today:
        return "overdue"
    if due <= today + datetime.timedelta(days=within_days):
        return "due_soon"
    return "ok"


def review_due_queryset(model, today=None, within_days=DUE_SOON_DAYS):
    """Published items of `model` whose medical review is overdue or due within `within_days`
    (never reviewed counts as overdue): the panel's count, its "view all" list and the command."""
    today = today or timezone.localdate()
    published = model.objects.filter(status=Status.PUBLISHED)
    return published.review_due_before(today + datetime.timedelta(days=within_days + 1))


def review_due(today=None, within_days=DUE_SOON_DAYS, models=WORKFLOW_MODELS, limit=None):
    """Published content whose medical review is overdue or due within `within_days`, soonest first
    (never reviewed first of all). With `limit`, only that many, read with a few small queries."""
    items = []
    for model in models:
        queryset = review_due_queryset(model, today, within_days).select_related("reviewer")
        items += [DueItem(obj, obj.next_review_due) for obj in _soonest(queryset, limit)]
    items.sort(key=lambda item: (item.due or datetime.date.min, str(item.obj)))
    return items[:limit] if limit else items


def _soonest(queryset, limit):
    """Every item, or a `limit` that holds the soonest due: the never reviewed (oldest first), then
    the earliest reviewed for each review interval in use (same interval: earlier review, earlier due)."""
    if limit is None:
        return list(queryset)
    found = list(queryset.filter(last_reviewed__isnull=True).order_by("created_at", "pk")[:limit])
    for months in queryset.order_by().values_list("review_interval_months", flat=True).distinct():
        same_interval = queryset.filter(review_interval_months=months, last_reviewed__isnull=False)
        found += same_interval.order_by("last_reviewed", "pk")[:limit]
    return found


# --- Restoring an earlier version ------------------------------------------------------------


def restore_version(record, user):
    """Make `record` (a historical row) the current content again, as a new history entry.

    Returns a list of notes for staff about what could not be restored as it was. Rules:
    - content only: the status, the medical review (who, when), review notes and the demo flag
      stay as they are now (STATUS_FIELDS), for everyone;
    - foreign keys whose target was deleted: an optional one is emptied, a required one keeps
      today's value; related articles that no longer exist are left out;
    - the version counter continues from the current one, so open forms see the change.
    """
    model = record.instance_type
    current = model.objects.get(pk=record.instance.pk)
    restored = record.instance
    notes = []
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.name in ("id",):
            continue
        target_id = getattr(restored, field.attname)
        if target_id is not None and not field.related_model._default_manager.filter(pk=target_id).exists():
            if field.null:
                setattr(restored, field.attname, None)
                notes.append(f"The {field.verbose_name} of that version was deleted, so it is now empty.")
            else:
                setattr(restored, field.attname, getattr(current, field.attname))
                notes.append(
                    f"The {field.verbose_name} of that version was deleted, so the current one was kept."
                )
    keep_status_fields(restored, current)
    is_workflow = model in WORKFLOW_MODELS
    if is_workflow and not can_publish(user, model):
        restored.status = status_after_edit_by(user, restored, current.status)
    if hasattr(current, "version"):
        restored.version = current.version
    restored._history_user = user
    restored._state.adding = False
    with transaction.atomic():
        restored.save()
        for field in record._history_m2m_fields:
            through_target = get_m2m_reverse_field_name(field)
            wanted = set(getattr(record, field.name).values_list(f"{through_target}_id", flat=True))
            existing = set(
                field.related_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
            )
            if wanted - existing:
                missing = len(wanted - existing)
                notes.append(f"{missing} {field.verbose_name} item(s) no longer exist and were left out.")
            getattr(restored, field.name).set(existing)
    return notes


def keep_status_fields(restored, current):
    """Put today's status fields (STATUS_FIELDS) back on a restored version, where the model has them."""
    names = {f.name for f in type(current)._meta.concrete_fields}
    for name in STATUS_FIELDS:
        if name in names:
            field = type(current)._meta.get_field(name)
            setattr(restored, field.attname, getattr(current, field.attname))


# --- Comparing versions ----------------------------------------------------------------------


def _display(record, field):
    if field.many_to_many:
        through_target = get_m2m_reverse_field_name(field)
        ids = list(getattr(record, field.name).values_list(f"{through_target}_id", flat=True))
        found = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)}
        return "\n".join(sorted(found.get(pk, f"(deleted item #{pk})") for pk in ids))
    value = getattr(record, field.attname)
    if value is None or value == "":
        return ""
    if field.is_relation:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target else f"(deleted {field.related_model._meta.verbose_name} #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return staff_datetime(value)
    return str(value)


def version_diff(older, newer):
    """What differs between two historical records, field by field, in words staff read.

    Each row has a label, the old and new text, and `blocks`: what changed, block by block and
    inside a block word by word (textdiff.block_diff).
    """
    model = newer.instance_type
    fields = [f for f in model._meta.concrete_fields if f.editable and not f.primary_key]
    fields += [f for f in model._meta.many_to_many if f.name in {m.name for m in newer._history_m2m_fields}]
    rows = []
    for field in fields:
        old = _display(older, field) if older is not None else ""
        new = _display(newer, field)
        if same_text(old, new):
            continue  # line endings or spacing only: nobody changed what it says
        blocks = block_diff(old, new)
        rows.append({"label": str(field.verbose_name).capitalize(), "old": old, "new": new, "blocks": blocks})
    return rows
