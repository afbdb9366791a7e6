"""Approved drafts that go live later: applied on the first request past their time, in any process.

The next go-live time is kept in the shared cache (set when a draft is scheduled), so each process
looks at most every couple of seconds and touches the database only when something is due; the
admin home page also applies anything due, in case the cache lost that time.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from education.editorial import drafts, workflow
from education.models import Draft

logger = logging.getLogger(__name__)


def apply_due_drafts(now=None):
    """Apply every scheduled draft whose time has come, if it is still exactly what was approved and
    its approver may still approve it; otherwise nothing is applied and it goes back to review."""
    now = now or timezone.now()
    applied = 0
    for pk in Draft.objects.filter(state=Draft.State.SCHEDULED, go_live_at__lte=now).values_list(
        "pk", flat=True
    ):
        try:
            with transaction.atomic():
                draft, live = drafts._locked(pk)  # the live row first, then the draft
                if draft.state != Draft.State.SCHEDULED:
                    continue  # another process applied it a moment ago
                if live is None:
                    raise drafts.DraftError("the live item was deleted")
                signer = approver_still_entitled(draft)
                drafts.apply(draft, live, draft.approved_by, signer)
                drafts._event(draft, "applied", None)
                applied += 1
        except Exception as error:  # noqa: BLE001 - e.g. its new address is taken: back to review, say why
            return_to_review(pk, f"Could not go live at the scheduled time: {error}. Nothing was changed.")
    drafts.remember_next_due()
    return applied


def approver_still_entitled(draft):
    """The approver's rights are checked again at go-live, not only when they approved."""
    user = draft.approved_by
    signer = getattr(user, "medical_reviewer", None) if user is not None else None
    if user is None or not user.is_active or signer is None or not workflow.can_approve(user, draft.model):
        raise drafts.DraftError(
            f"{user or 'its approver'} is no longer an active medical reviewer, so the approval no longer "
            "stands; a medical reviewer must approve it again"
        )
    return signer


def return_to_review(pk, note):
    """An approved change that cannot go live: its approval is withdrawn and a reviewer decides again.
    If staff already started a newer draft on top of it, that draft (which includes it) carries on."""
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=pk)
        newer = Draft.objects.working().filter(content_type=draft.content_type, object_id=draft.object_id)
        draft.state = Draft.State.DISCARDED if newer.exists() else Draft.State.IN_REVIEW
        draft.approved_by = draft.approved_at = draft.go_live_at = draft.approved_version = None
        draft.approved_hash = ""
        draft.save()
        drafts._event(draft, "sent_back", None, note)


_LOOK_EVERY = 2.0  # seconds between looks at the shared "next draft due" time, per process
_last_look = {"at": float("-inf")}


def apply_due_drafts_if_any(sender=None, **kwargs):
    """At the start of a request: if an approved draft's go-live time has passed, apply it now.

    A ``request_started`` receiver, connected in EducationConfig.ready().

    The next go-live time is in the shared cache (set when a draft is scheduled), so each process
    looks at most every couple of seconds and touches the database only when something is due.
    Errors never reach the visitor: the draft then simply goes live on a later request.
    """

    now = time.monotonic()
    if now - _last_look["at"] < _LOOK_EVERY:
        return 0
    _last_look["at"] = now
    try:
        due = cache.get(drafts.NEXT_DUE_KEY)
        if due is None or due > time.time():
            return 0
        return apply_due_drafts()
    except Exception:
        logger.warning("Could not apply scheduled drafts", exc_info=True)
        return 0
