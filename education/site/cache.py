"""The anonymous-page cache: public pages rendered once per content change, shared by every app process.

Every cached page is stored with the *content version* it was rendered under: a random token
kept in the shared cache (Redis when REDIS_URL is set), and served only while that token is
current. Any save, delete or many-to-many change of an education model
replaces the token, so the very next anonymous request renders fresh, in every process. The
token also records the next scheduled publish/unpublish time; once that passes, the token is
replaced too, so scheduled content appears and disappears on time.

Pages are cached only for visitors without a session cookie (staff have one) and only for
GET/HEAD. Nothing here reads ``request.user`` or the session, so pages carry no ``Vary: Cookie``.
The cached content is the view's own response: middleware (security headers, CSP) still runs on
every request, and public pages have no nonce or CSRF token to replay.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone

STATE_KEY = "content-state"
PAGE_TIMEOUT = 24 * 60 * 60  # a safety net only: pages are replaced by content, not by time
CACHEABLE_PARAMS = {"page"}  # any other query parameter is rendered fresh (and not stored)


def _next_boundary(now):
    """The soonest future publish_at/unpublish_at of published content, or None."""
    from education.models import FAQ, Article, SafetyItem, Status

    times = []
    for model in (Article, FAQ, SafetyItem):
        times += (
            model.objects.filter(status=Status.PUBLISHED)
            .aggregate(
                publish=Min("publish_at", filter=Q(publish_at__gt=now)),
                unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
            )
            .values()
        )
    times = [t for t in times if t is not None]
    return min(times) if times else None


def _current(state, now):
    """Whether a stored content state still holds (no scheduled boundary has passed since)."""
    return state is not None and (state["boundary"] is None or state["boundary"] > now)


def content_version(state=None):
    """The current content token; a new one once the next scheduled boundary has passed.

    ``state`` is what the caller already read from STATE_KEY (saving a round trip), if anything.
    """
    now = timezone.now()
    if state is None:
        state = cache.get(STATE_KEY)
    if not _current(state, now):
        state = {"token": uuid.uuid4().hex, "boundary": _next_boundary(now)}
        cache.set(STATE_KEY, state, None)
    return state["token"]


def bump_content_version():
    cache.delete(STATE_KEY)


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _content_changed(sender, **kwargs):
    if sender._meta.app_label != "education":
        return
    # Now, for this process; and again after commit, so no other process can cache
    # a page it rendered from the old rows while the transaction was still open.
    bump_content_version()
    transaction.on_commit(bump_content_version)


def _page_key(request):
    location = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{hashlib.sha256(location.encode()).hexdigest()}"


def _cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and set(request.GET) <= CACHEABLE_PARAMS
    )


def _personal(request, response):
    """Whether this rendering used anything of the visitor's own (never store those)."""
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or response.has_header("Vary")
    )


def cache_public_page(view):
    """Serve the view from the shared cache for anonymous visitors (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        return cached_or_rendered(
            request, _page_key(request), PAGE_TIMEOUT, lambda: view(request, *args, **kwargs)
        )

    return wrapper


def cached_or_rendered(request, key, timeout, render):
    """The response stored under ``key`` for the current content; else ``render()``, stored when impersonal.

    A stored entry carries the content token it was rendered under; the token and the entry are
    read in one round trip (``get_many``: one MGET on Redis), which is most of a cache hit's cost.
    An entry from older content is simply rendered again and overwritten.
    """
    found = cache.get_many([STATE_KEY, key])
    state, entry = found.get(STATE_KEY), found.get(key)
    if entry is not None and _current(state, timezone.now()) and entry[0] == state["token"]:
        response = HttpResponse(entry[1], content_type=entry[2])
        response["X-Cache"] = "hit"
        return response
    # The token is taken before rendering: an edit committed meanwhile replaces it, so the page
    # rendered from the older rows is stored under a token nobody asks for again.
    token = content_version(state)
    response = render()
    if response.status_code == 200 and not response.streaming and not _personal(request, response):
        cache.set(key, (token, response.content, response["Content-Type"]), timeout)
        response["X-Cache"] = "miss"
    return response


def clinic_details():
    """ClinicDetails for every page, read from the cache while content is unchanged."""
    from education.models import ClinicDetails

    key = f"clinic-details:{content_version()}"
    details = cache.get(key)
    if details is None:
        details = ClinicDetails.load()
        cache.set(key, details, PAGE_TIMEOUT)
    return details
