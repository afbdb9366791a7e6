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

from education.editorial import drafts
from education.models import Draft

logger = logging.getLogger(__name__)

NEXT_DUE_KEY = "drafts:next-due"


def remember_next_due():
    """Tell every process (through the shared cache) when the next approved draft goes live."""
    due = (
        Draft.objects.filter(state=Draft.State.SCHEDULED)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first()
    )
    cache.set(NEXT_DUE_KEY, due.timestamp() if due else None, None)


def apply_due_drafts(now=None):
    """Apply every scheduled draft whose time has come; one that cannot go live goes back to review."""
    now = now or timezone.now()
    applied = 0
    for pk in Draft.objects.filter(state=Draft.State.SCHEDULED, go_live_at__lte=now).values_list(
        "pk", flat=True
    ):
        try:
            with transaction.atomic():
                draft = Draft.objects.select_for_update().filter(pk=pk, state=Draft.State.SCHEDULED).first()
                if draft is None:
                    continue  # another process applied it a moment ago
                live = draft.model._default_manager.select_for_update().filter(pk=draft.object_id).first()
                if live is None:
                    raise drafts.DraftError("the live item was deleted")
                drafts.apply(
                    draft, live, draft.approved_by, getattr(draft.approved_by, "medical_reviewer", None)
                )
                drafts._event(draft, "applied", None)
                applied += 1
        except Exception as error:  # noqa: BLE001 - e.g. its new address is taken: back to review, say why
            Draft.objects.filter(pk=pk).update(state=Draft.State.IN_REVIEW)
            draft = Draft.objects.get(pk=pk)
            drafts._event(draft, "sent_back", None, f"Could not go live at the scheduled time: {error}")
    remember_next_due()
    return applied


_LOOK_EVERY = 2.0  # seconds between looks at the shared "next draft due" time, per process
_last_look = {"at": float("-inf")}


def apply_due_drafts_if_any():
    """At the start of a request: if an approved draft's go-live time has passed, apply it now.

    The next go-live time is in the shared cache (set when a draft is scheduled), so each process
    looks at most every couple of seconds and touches the database only when something is due.
    Errors never reach the visitor: the draft then simply goes live on a later request.
    """

    now = time.monotonic()
    if now - _last_look["at"] < _LOOK_EVERY:
        return 0
    _last_look["at"] = now
    try:
        due = cache.get(NEXT_DUE_KEY)
        if due is None or due > time.time():
            return 0
        return apply_due_drafts()
    except Exception:
        logger.warning("Could not apply scheduled drafts", exc_info=True)
        return 0
