"""Drafts of live content: what an edit saves instead of the live row, and how approval applies it.

A draft holds the admin form's values serialised to JSON, field by field (by attname, so foreign
keys are ids), with many-to-many ids and inline rows (an article's references), plus "base":
the live values it was made from. Approval merges three ways: what the draft changed since its
base is copied onto the live row; what someone changed on the live row meanwhile is kept; a field
both changed differently is a conflict, refused with a message (no lost edits). Everything is
driven by the model's own fields, so new fields and models need no change here.
"""

import copy
import hashlib
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from education.editorial import notifications, workflow
from education.editorial.draft_data import (  # noqa: F401 - part of this module's interface
    DIRECT_FIELDS,
    NOT_DRAFTED,
    content_fields,
    form_snapshot,
    inline_initial,
    inline_objects,
    inline_specs,
    live_snapshot,
    load,
    m2m_fields,
    overlay,
    row_of,
)
from education.editorial.draft_diff import draft_contents, draft_diff  # noqa: F401
from education.editorial.textdiff import same_text
from education.models import Draft, ReviewEvent, Status
from education.models.base import ReviewedContent, is_approved_row
from education.text.dates import staff_datetime, staff_day_time

APPROVABLE = (Draft.State.DRAFT, Draft.State.IN_REVIEW)
NEXT_DUE_KEY = "drafts:next-due"  # the next go-live time of an approved draft, in the shared cache


class DraftError(workflow.WorkflowError):
    """A draft step that cannot be taken; the message is shown to staff as it is."""


# --- Who, and when a draft is needed ---------------------------------------------------------


def needs_draft(user, obj):
    return is_approved_row(obj) and not workflow.can_approve(user, type(obj))


def open_draft(obj):
    """The draft staff edit (in progress, in review or sent back), or None."""
    return Draft.objects.working().for_object(obj).select_related("submitted_by", "updated_by").first()


def scheduled_draft(obj):
    """The approved change waiting for its go-live time, or None. It is frozen: nothing edits it."""
    return Draft.objects.scheduled().for_object(obj).select_related("approved_by").first()


def content_of(data):
    """What a draft would put live (its fields, related items and inline rows), without its base."""
    return {key: data.get(key, {}) for key in ("fields", "m2m", "inlines")}


def content_hash(draft):
    """A fingerprint of what would go live: stored with an approval, checked when it is applied."""
    content = content_of(draft.data)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- Saving a draft ----------------------------------------------------------------------------


def save_draft(obj, user, snapshot, changed=None):
    """Create or update the item's open draft from a form's snapshot.

    ``changed``: only these attnames (a list-page edit of "order" or "active"); None: all of them.
    An approved change waiting to go live is never edited: a save after it starts a new working draft
    from its content (so the new draft includes it), and that draft needs its own review.
    """
    live = _lock_live(type(obj), obj.pk)
    draft = Draft.objects.select_for_update().working().for_object(live).first()
    if draft is not None and draft.new_item:  # it stood for the item before it went live: done
        draft.state = Draft.State.APPLIED
        draft.save()
        draft = None
    specs = {**inline_specs(snapshot)}
    if draft is None:
        base = live_snapshot(live, specs)
        approved = Draft.objects.select_for_update().scheduled().for_object(live).first()
        start = content_of(approved.data) if approved else base
        draft = Draft(
            content_type=ContentType.objects.get_for_model(type(live)),
            object_id=live.pk,
            created_by=user,
            # copies: editing the draft never edits its base, nor the approved change it starts from
            data={**copy.deepcopy(start), "base": base},
            base_version=getattr(live, "version", None),
        )
    else:
        draft.version += 1
        missing = {p: s for p, s in specs.items() if p not in draft.data["base"].get("inlines", {})}
        if missing:
            draft.data["base"]["inlines"].update(live_snapshot(live, missing)["inlines"])
    if changed is None:
        draft.data["fields"].update(snapshot["fields"])
        draft.data["m2m"].update(snapshot["m2m"])
        draft.data.setdefault("inlines", {}).update(snapshot["inlines"])
    else:
        draft.data["fields"].update({k: v for k, v in snapshot["fields"].items() if k in changed})
    if draft.state == Draft.State.SENT_BACK:
        draft.state = Draft.State.DRAFT  # revised: the editor submits it again
    draft.title = str(obj)[:300]
    draft.updated_by = user
    draft.editorial_warnings = draft_warnings(draft, live)
    draft.save()
    _record_save(draft, user)
    return draft


def _record_save(draft, user):
    """A "saved" event with a copy of the draft's content: what a stale approval is compared with."""
    ReviewEvent.objects.create(
        content_type=draft.content_type,
        object_id=draft.object_id,
        draft=draft,
        kind="saved",
        user=user,
        draft_version=draft.version,
        data=content_of(draft.data),
    )


def draft_instance(draft, live):
    """The live object with the draft applied, in memory (never saved): for preview and checks."""
    obj = type(live)._default_manager.get(pk=live.pk)
    overlay(obj, draft)
    if hasattr(obj, "render"):
        obj.render()
    return obj


def draft_warnings(draft, live):
    if not isinstance(live, ReviewedContent):
        return []
    obj = draft_instance(draft, live)
    try:
        return obj.editorial_check()
    except Exception:  # noqa: BLE001 - a check must never stop an edit from being kept
        return []


# --- Steps ---------------------------------------------------------------------------------------


def _event(draft, kind, user, note=""):
    ReviewEvent.objects.create(
        content_type=draft.content_type,
        object_id=draft.object_id,
        draft=draft,
        kind=kind,
        user=user,
        note=note,
    )


# One lock order everywhere (so PostgreSQL never deadlocks): the live row first, then its drafts.
# The admin's save (VersionedForm.clean), save_draft, every step below and the scheduled go-live
# all take them in this order.


def _lock_live(model, pk):
    return model._default_manager.select_for_update().filter(pk=pk).first() if model else None


def _locked(draft_pk):
    """(draft, live) locked in the one order; live is None when the item was deleted."""
    found = Draft.objects.filter(pk=draft_pk).select_related("content_type").first()
    live = _lock_live(found.model, found.object_id) if found else None
    draft = Draft.objects.select_for_update().filter(pk=draft_pk).first()
    if draft is None:
        raise DraftError("This draft no longer exists (it was discarded or its item was deleted).")
    return draft, live


def submit(draft_pk, user, note="", base_url=""):
    with transaction.atomic():
        draft, _live = _locked(draft_pk)
        if draft.state not in (Draft.State.DRAFT, Draft.State.SENT_BACK):
            raise DraftError(
                f"This draft is {draft.get_state_display().lower()}, so it cannot be submitted now."
            )
        draft.state, draft.submitted_by, draft.submitted_at = Draft.State.IN_REVIEW, user, timezone.now()
        draft.note = note.strip()
        draft.save()
        _event(draft, "submitted", user, draft.note)
        transaction.on_commit(lambda: notifications.submitted(draft, base_url))
    return (
        f"“{draft.title}” was sent for medical review. "
        "Patients keep seeing the live version until it is approved."
    )


def send_back(draft_pk, user, comment, base_url=""):
    if not comment or not comment.strip():
        raise DraftError(
            "Write a comment saying what needs changing: a draft cannot be sent back without one."
        )
    with transaction.atomic():
        draft, _live = _locked(draft_pk)
        if not workflow.can_approve(user, draft.model):
            raise PermissionError("Only medical reviewers can send drafts back.")
        if draft.state != Draft.State.IN_REVIEW:
            raise DraftError(f"This draft is {draft.get_state_display().lower()}, so it cannot be sent back.")
        draft.state = Draft.State.SENT_BACK
        draft.save()
        _event(draft, "sent_back", user, comment.strip())
        transaction.on_commit(lambda: notifications.sent_back(draft, user, comment.strip(), base_url))
    return f"“{draft.title}” was sent back with your comment."


def discard(draft_pk, user, seen_version=None):
    """Close a draft unapplied. An approved change (scheduled) is withdrawn by a medical reviewer only."""
    with transaction.atomic():
        draft, _live = _locked(draft_pk)
        if draft.state in (Draft.State.APPLIED, Draft.State.DISCARDED):
            raise DraftError("This draft is already closed.")
        check_may_discard(draft, user)
        if draft.new_item:
            raise DraftError("A new item is not a draft of live content: delete the item itself instead.")
        if seen_version is not None and str(seen_version) != str(draft.version):
            raise DraftError(
                f"Not discarded: {draft.updated_by or 'someone'} saved this draft again after your page "
                f"was loaded (you saw version {seen_version}, it is now version {draft.version}). Look at "
                "it again before discarding it."
            )
        was_approved = draft.state == Draft.State.SCHEDULED
        draft.state = Draft.State.DISCARDED
        draft.save()
        note = "Cancelled the approved change before it went live." if was_approved else ""
        _event(draft, "discarded", user, note)
        if was_approved:
            transaction.on_commit(remember_next_due)
    return (
        f"The draft of “{draft.title}” was discarded. The live version is unchanged. The draft is kept "
        "(Drafts, “Discarded”): its page can restore it."
    )


def check_may_discard(draft, user):
    """Raises PermissionError unless this user may discard (or cancel, when approved) the draft."""
    reviewer = draft.model is not None and workflow.can_approve(user, draft.model)
    if draft.state == Draft.State.SCHEDULED and not reviewer:
        raise PermissionError("Only a medical reviewer can cancel a change that was approved.")
    if draft.created_by_id != user.pk and not reviewer:
        raise PermissionError("Only the draft's author or a medical reviewer can discard it.")


def restore_discarded(draft_pk, user):
    """Reopen a discarded draft as the item's working draft, unless the item has another one now."""
    with transaction.atomic():
        draft, live = _locked(draft_pk)
        if draft.state != Draft.State.DISCARDED or draft.new_item:
            state = draft.get_state_display().lower()
            raise DraftError(f"This draft is {state}: only a discarded draft is restored.")
        if live is None:
            raise DraftError(f"“{draft.title}” was deleted, so its draft cannot be restored.")
        other = Draft.objects.working().for_object(live).first()
        if other is not None:
            raise DraftError(
                f"Not restored: “{draft.title}” has another open draft "
                f"({other.get_state_display().lower()}). Finish or discard that one first; "
                "only one draft of an item is open at a time."
            )
        draft.state, draft.updated_by = Draft.State.DRAFT, user
        draft.version += 1  # a page loaded before the restore cannot approve or discard it unseen
        draft.save()
        _event(draft, "restored", user, "Restored the discarded draft.")
        _record_save(draft, user)
    return f"The draft of “{draft.title}” is open again (not submitted). Submit it when it is ready."


def changed_since(draft, seen_version):
    """Labels of what the draft's content changed after the version a reviewer's page showed."""
    seen = draft.events.filter(kind="saved", draft_version=seen_version).exclude(data=None).last()
    if seen is None:
        return []
    live = draft.model() if draft.model else None
    labels = []
    for section in ("fields", "m2m", "inlines"):
        old, new = seen.data.get(section, {}), draft.data.get(section, {})
        for key in sorted(set(old) | set(new)):
            if not same_text(old.get(key), new.get(key)):
                value = new.get(key) or old.get(key)
                labels.append(label_of(live, section, key, value) if live is not None else key)
    return labels


def check_seen_version(draft, seen_version):
    """An approval signs the version the reviewer's page showed; refuse it if the draft moved on."""
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        raise DraftError(
            "Not approved: the approval did not say which version of the draft you read. "
            "Reload the draft's page and approve again."
        ) from None
    if seen == draft.version:
        return
    changed = changed_since(draft, seen)
    what = f" They changed: {', '.join(changed)}." if changed else ""
    when = timezone.localtime(draft.updated_at)
    raise DraftError(
        f"Not approved: {draft.updated_by or 'someone'} saved this draft again ({staff_day_time(when)}) "
        f"after your page was loaded (you read version {seen}, it is now version {draft.version}).{what} "
        "Read the changes below, then approve again."
    )


def approve(draft_pk, user, seen_version, go_live_at=None, today=None, base_url=""):
    """Sign and apply the draft now, or schedule it. Raises DraftError / PermissionError.

    ``seen_version``: the draft version the reviewer's page showed; the approval signs that one only.
    """
    with transaction.atomic():
        draft, live = _locked(draft_pk)
        model = draft.model
        if model is None or not workflow.can_approve(user, model):
            raise PermissionError("Only medical reviewers can approve drafts.")
        if draft.state not in APPROVABLE:
            by = f" by {draft.approved_by}" if draft.approved_by else ""
            raise DraftError(
                f"This draft is already {draft.get_state_display().lower()}{by}: nothing was changed. "
                "(Someone else may have approved it a moment ago.)"
            )
        signer = workflow.signing_reviewer(user)
        if live is None:
            raise DraftError(
                f"“{draft.title}” was deleted after this draft was made, so there is no live item to update. "
                "The draft's text is kept below (Draft contents): copy it into a new item."
            )
        check_seen_version(draft, seen_version)
        draft.approved_by, draft.approved_at = user, timezone.now()
        draft.approved_version, draft.approved_hash = draft.version, content_hash(draft)
        signed = f"Signed version {draft.version} (content fingerprint {draft.approved_hash[:12]})."
        replaced = _supersede_scheduled(draft, user)
        if go_live_at and go_live_at > timezone.now():
            merge(draft, live)  # refuse conflicts now rather than at go-live time
            draft.state, draft.go_live_at = Draft.State.SCHEDULED, go_live_at
            draft.save()
            when = staff_datetime(go_live_at)
            _event(draft, "scheduled", user, f"Goes live {when}. {signed}")
            transaction.on_commit(lambda: notifications.approved(draft, user, base_url))
            transaction.on_commit(remember_next_due)
            return (
                f"“{draft.title}” was approved. Patients keep seeing the current version until {when}."
                + replaced
            )
        apply(draft, live, user, signer, today)
        _event(draft, "approved", user, signed)
        transaction.on_commit(lambda: notifications.approved(draft, user, base_url))
        if replaced:
            transaction.on_commit(remember_next_due)
    return f"“{draft.title}” was approved and is live now, signed by {signer.name}.{replaced}"


def _supersede_scheduled(draft, user):
    """A newer approved draft replaces the item's change approved for later: it was started from
    that change's content (save_draft), so it includes it. Returns a sentence for the reviewer."""
    earlier = (
        Draft.objects.select_for_update()
        .scheduled()
        .filter(content_type_id=draft.content_type_id, object_id=draft.object_id)
        .exclude(pk=draft.pk)
        .first()
    )
    if earlier is None:
        return ""
    earlier.state = Draft.State.DISCARDED
    earlier.save()
    _event(earlier, "discarded", user, "Replaced by a later approved change that includes it.")
    when = timezone.localtime(earlier.go_live_at)
    return f" It replaces the change approved for {staff_datetime(when)}, which it includes."


def merge(draft, live):
    """{(section, key): value} the draft changes; raises DraftError on a conflict."""
    base = draft.data.get("base", {})
    current = live_snapshot(live, inline_specs(draft.data))
    changes, conflicts = {}, []
    skip = {live._meta.get_field(name).attname for name in NOT_DRAFTED if _has_field(live, name)}
    for section in ("fields", "m2m", "inlines"):
        for key, value in draft.data.get(section, {}).items():
            if section == "fields" and key in skip:
                continue
            was, now = base.get(section, {}).get(key), current[section].get(key)
            if same_text(value, was):
                continue  # the draft did not touch it: the live value (maybe newer) stays
            if not same_text(now, was) and not same_text(now, value):
                conflicts.append(label_of(live, section, key, value))
            changes[(section, key)] = value
    if conflicts:
        raise DraftError(
            "Not approved: since this draft was started, the live version was changed in "
            f"{', '.join(conflicts)} as well. Open the draft, compare it with the live version, save it "
            "again, then approve (that save will replace the live text)."
        )
    return changes


def _has_field(obj, name):
    try:
        obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return False
    return True


def label_of(obj, section, key, value=None):
    if section == "inlines":
        return str(apps.get_model(value["model"])._meta.verbose_name_plural)
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if key in (field.name, field.attname):
            return str(field.verbose_name)
    return key


def apply(draft, live, user, signer=None, today=None):
    """Copy the draft onto the locked live row (inside the caller's transaction) and close it.

    What goes live is byte for byte what was approved: the content's fingerprint is checked first.
    """
    if draft.approved_hash != content_hash(draft):
        raise DraftError("its content is not the version that was approved")
    changes = merge(draft, live)
    for (section, key), value in changes.items():
        if section == "fields":
            field = next(f for f in live._meta.concrete_fields if f.attname == key)
            gone = field.is_relation and value is not None
            if gone and not field.related_model._default_manager.filter(pk=value).exists():
                raise DraftError(
                    f"The {field.verbose_name} chosen in this draft was deleted meanwhile. Open the "
                    f"draft, choose another {field.verbose_name}, save it, then approve."
                )
            setattr(live, key, load(field, value))
    if signer is not None and isinstance(live, ReviewedContent):
        live.reviewer, live.last_reviewed = signer, today or timezone.localdate()
        live.is_demo = False  # one of this clinic's clinicians has now checked it
    try:
        live.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise DraftError(f"The draft cannot go live as it is: {' '.join(error.messages)}") from error
    live._history_user = user
    live._change_reason = f"Approved draft by {draft.submitted_by or draft.created_by or 'staff'}"
    if isinstance(live, ReviewedContent):
        live.save(check=False)
    else:
        live.save()
    for (section, key), value in changes.items():
        if section == "m2m":
            field = live._meta.get_field(key)
            getattr(live, key).set(field.related_model._default_manager.filter(pk__in=value))
        elif section == "inlines":
            replace_inline_rows(live, value)
    if isinstance(live, ReviewedContent):
        live.refresh_editorial_warnings()
    draft.state = Draft.State.APPLIED
    draft.save()
    return live


def replace_inline_rows(live, spec):
    model = apps.get_model(spec["model"])
    fk = model._meta.get_field(spec["fk"])
    model._default_manager.filter(**{fk.attname: live.pk}).delete()
    for row in spec["rows"]:
        item = model(**{fk.attname: live.pk})
        for field in content_fields(model, exclude=(spec["fk"],)):
            if field.attname in row:
                setattr(item, field.attname, load(field, row[field.attname]))
        item.save()


def restore_as_draft(record, user):
    """An earlier version (a history record) of live content, as a draft that goes through review.

    Returns (draft, notes). A foreign key whose target was deleted keeps today's value (required)
    or is emptied (optional); related items that no longer exist are left out.
    """
    from simple_history.utils import get_m2m_reverse_field_name

    model = record.instance_type
    live = model._default_manager.get(pk=record.instance.pk)
    restored, notes = record.instance, []
    workflow.keep_status_fields(restored, live)  # content only: the review details stay as they are
    for field in content_fields(model):
        target = getattr(restored, field.attname) if field.is_relation else None
        if target is not None and not field.related_model._default_manager.filter(pk=target).exists():
            setattr(restored, field.attname, None if field.null else getattr(live, field.attname))
            notes.append(f"The {field.verbose_name} of that version was deleted, so it was not restored.")
    m2m = {}
    for field in getattr(record, "_history_m2m_fields", []):
        wanted = set(
            getattr(record, field.name).values_list(f"{get_m2m_reverse_field_name(field)}_id", flat=True)
        )
        existing = set(
            field.related_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
        )
        if wanted - existing:
            notes.append(
                f"{len(wanted - existing)} {field.verbose_name} item(s) no longer exist and were left out."
            )
        m2m[field.name] = sorted(existing)
    with transaction.atomic():
        draft = save_draft(restored, user, {"fields": row_of(restored), "m2m": m2m, "inlines": {}})
        when = timezone.localtime(record.history_date)
        _event(draft, "restored", user, f"The version of {staff_datetime(when)}.")
    return draft, notes


# --- New items: one Draft row stands for each in the lists and the conversation ----------------------

NEW_ITEM_STATES = (Status.DRAFT, Status.IN_REVIEW)  # an item in these has a Draft row standing for it


def track_item(obj):
    """After any save of an article, FAQ or safety item: keep the Draft row that stands for it while it
    is not published (state from its status) and record the step taken, with who and when, whatever
    path took it (the buttons, the status field, a list action, a restore). ``obj._review_step``:
    ("sent_back" or "submitted", note) when a workflow button set the status."""
    if obj.pk is None or type(obj) not in workflow.WORKFLOW_MODELS or getattr(obj, "_copied_row", False):
        return
    user = getattr(obj, "_history_user", None)
    step, note = getattr(obj, "_review_step", (None, ""))
    tracker = Draft.objects.for_object(obj).filter(new_item=True).working().first()
    if obj.status not in NEW_ITEM_STATES:
        if tracker is not None:
            published = obj.status == Status.PUBLISHED
            tracker.state = Draft.State.APPLIED if published else Draft.State.DISCARDED
            if published:
                tracker.approved_by, tracker.approved_at = user, timezone.now()
            tracker.save()
            _event(tracker, "approved" if published else "discarded", user, note)
        return
    old = None
    if tracker is None:
        if Draft.objects.working().for_object(obj).exists():
            return  # a draft of its earlier live version stands for it already
        tracker = Draft(content_object=obj, new_item=True, data={}, created_by=user)
    else:
        old = tracker.state
    if obj.status == Status.IN_REVIEW:
        new = Draft.State.IN_REVIEW
    elif step == "send_back" or old == Draft.State.SENT_BACK:
        new = Draft.State.SENT_BACK  # until the editor submits it again
    else:
        new = Draft.State.DRAFT
    tracker.state, tracker.title, tracker.updated_by = new, str(obj)[:300], user
    tracker.version = getattr(obj, "version", tracker.version)
    if new == Draft.State.IN_REVIEW and old != new:
        tracker.submitted_by, tracker.submitted_at, tracker.note = user, timezone.now(), note
    tracker.save()
    if new == old or (old is None and new == Draft.State.DRAFT):
        kind = "saved"
    elif new == Draft.State.IN_REVIEW:
        kind = "submitted"
    else:
        kind = "sent_back" if step == "send_back" else "withdrawn"
    _event(tracker, kind, user, note)


def item_deleted(obj):
    Draft.objects.for_object(obj).filter(new_item=True).working().update(state=Draft.State.DISCARDED)


def admin_url(draft):
    """Where a draft is worked on: its review page, or a new item's own change page."""
    if draft.new_item and draft.model is not None:
        opts = draft.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.object_id])
    return draft.get_absolute_url()


# --- Who sees which drafts: one definition for the drafts list, its filters and the home panels ------


def visible_to(user):
    """Drafts this user may see: reviewers all; an Editor those of every kind of content they may
    change (an item has one open draft that everyone who edits it saves into), and their own."""
    drafts = Draft.objects.all()
    if workflow.is_reviewer(user):
        return drafts
    kinds = Q(pk__in=[])
    for permission in user.get_all_permissions():
        app_label, _, model = permission.partition(".change_")
        if model:
            kinds |= Q(content_type__app_label=app_label, content_type__model=model)
    return drafts.filter(kinds | Q(created_by=user) | Q(submitted_by=user))


def awaiting_review(user):
    """In review, of the kinds of content this user may approve: the reviewer's queue."""
    kinds = Draft.objects.filter(state=Draft.State.IN_REVIEW).values_list("content_type", flat=True)
    kinds = kinds.distinct()
    mine = [
        ct.pk
        for ct in ContentType.objects.filter(pk__in=set(kinds))
        if ct.model_class() is not None and workflow.can_approve(user, ct.model_class())
    ]
    return visible_to(user).filter(state=Draft.State.IN_REVIEW, content_type__in=mine)


def my_open(user):
    """Not yet live, and started, saved or submitted by this user: the Editor's panel."""
    return visible_to(user).open().filter(Q(created_by=user) | Q(submitted_by=user) | Q(updated_by=user))


def remember_next_due():
    """Tell every process (through the shared cache) when the next approved draft goes live."""
    due = (
        Draft.objects.filter(state=Draft.State.SCHEDULED)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first()
    )
    cache.set(NEXT_DUE_KEY, due.timestamp() if due else None, None)
