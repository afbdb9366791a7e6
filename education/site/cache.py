"""The anonymous-page cache: public pages rendered once per content version, in every app process.

Correctness lives in the database, not in the cache. ``ContentVersion`` (one row) holds a counter
that every save, delete or many-to-many change of an education model raises in the same
transaction (``UPDATE … SET n = n + 1``). Each process re-reads it at most once every
CONTENT_FRESHNESS_SECONDS (1 s by default), together with the next scheduled publish/unpublish
time of published content, and the two make the *content token* that every cache key carries.
So an edit shows everywhere within that bound, and in the process that saved it on the very next
request; and a cache that loses writes, restarts or is restored from an old dump can only hand
back pages stored under tokens nobody asks for any more. Nothing here deletes or overwrites a
cache entry to invalidate it.

Two tiers: a bounded cache in the process itself (``localcache``: a hit costs no round trip),
then the shared cache (Redis, behind a circuit breaker: ``cachebackends``), then rendering.
Pages are cached only for visitors without a session cookie, only for GET/HEAD and only at
their canonical address (no query string, or ``?page=N`` on paginated pages), so what is stored
is bounded by the content, not by what visitors type. Nothing here reads ``request.user`` or the
session, so pages carry no ``Vary: Cookie``. Each entry keeps its gzip body and a strong ETag:
hits are compressed and answer ``If-None-Match`` with 304 without any work (``Cache-Control:
no-cache``: browsers and shared caches keep pages and revalidate every time).
"""

import contextvars
import gzip
import hashlib
import logging
import re
import threading
import time
from functools import wraps
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from .localcache import forget_local_cache, local_cache

logger = logging.getLogger(__name__)


def _code_version():
    """A hash of the code and templates that render pages (and of collected static file names,
    which pages link to): pages rendered by other code, before a deploy or by the other half of a
    rolling one, have other keys. Content, not dates, so every host of one release agrees."""
    digest = hashlib.sha256()
    base = settings.BASE_DIR
    files = [*(base / "education").rglob("*.py"), *(base / "templates").rglob("*.html")]
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    for path in sorted(files) + ([manifest] if manifest.is_file() else []):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()
PAGE_TIMEOUT = 24 * 60 * 60  # a safety net only: keys change with the content, entries are never replaced
CANONICAL_PAGE_QUERY = re.compile(r"page=[1-9][0-9]{0,5}")  # ?page=N, exactly as the templates link it
ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(?:\.0*)?(?:,|$))")


# --- The content token ------------------------------------------------------------------------


class _Memo(NamedTuple):
    token: str
    boundary: object  # the next scheduled publish/unpublish (aware datetime) or None
    read_at: float  # time.monotonic() of the read


_memo = None  # this process's last read of the database's content version
_generation = 0  # raised by every local bump, so a read that raced with one is not kept
_refreshing = threading.Lock()
_rendering_under = contextvars.ContextVar(
    "rendering_under", default=None
)  # the token of the page being rendered


def _freshness():
    return getattr(settings, "CONTENT_FRESHNESS_SECONDS", 1.0)


def version_query(now):
    """The content version row, with subqueries for the soonest future publish_at/unpublish_at of
    published content of every kind that has them: one probe of an index each (the models'
    ``scheduling_indexes``), so its cost does not grow with the content."""
    from django.apps import apps

    from education.models import ContentVersion, Status
    from education.models.base import ReviewedContent

    def soonest(model, field):
        later = model.objects.filter(status=Status.PUBLISHED, **{f"{field}__gt": now}).order_by(field)
        return Subquery(later.values(field)[:1])

    scheduled = [m for m in apps.get_app_config("education").get_models() if issubclass(m, ReviewedContent)]
    times = {
        f"{model.__name__}_{field}": soonest(model, field)
        for model in scheduled
        for field in ("publish_at", "unpublish_at")
    }
    return ContentVersion.objects.filter(pk=1).annotate(**times).values_list("n", *times)


def _read_version(now):
    """(counter, next boundary) in one query (``version_query``)."""
    from education.models import ContentVersion

    for _ in range(2):
        row = version_query(now).first()
        if row is not None:
            boundaries = [t for t in row[1:] if t is not None]
            return row[0], min(boundaries) if boundaries else None
        # The row is made by migration; only a flushed database (tests) lacks it.
        ContentVersion.objects.get_or_create(pk=1)
    raise DatabaseError("the content version row is missing")


def content_token(fresh=False):
    """The token every cache key carries: the database's content version and next boundary.

    Re-read when older than CONTENT_FRESHNESS_SECONDS, when the boundary has passed, or when
    ``fresh`` (a page is about to be rendered anyway). One thread re-reads at a time; the others
    keep the previous token meanwhile. If the database cannot be read, the last token is kept
    (nothing can be published through it either) and the read is retried after the interval.
    """
    return _token(fresh)[0]


def _token(fresh):
    """(token, whether it was read from the database just now)."""
    global _memo
    now, tick = timezone.now(), time.monotonic()
    memo = _memo
    usable = memo is not None and (memo.boundary is None or now < memo.boundary)
    if usable and not fresh and tick - memo.read_at < _freshness():
        return memo.token, False
    locked = usable and _refreshing.acquire(blocking=False)
    if usable and not locked:
        return memo.token, False  # another thread is reading it right now
    try:
        generation = _generation
        n, boundary = _read_version(now)
        token = f"{CODE_VERSION}.{n}.{boundary.timestamp() if boundary else 0}"
        if generation == _generation:
            _memo = _Memo(token, boundary, tick)
        return token, True
    except DatabaseError:
        if not usable:
            raise
        logger.warning("Could not read the content version; keeping %s for now", memo.token, exc_info=True)
        _memo = memo._replace(read_at=tick)
        return memo.token, False
    finally:
        if locked:
            _refreshing.release()


def forget_version():
    """Re-read the content version on the next request (this process changed content)."""
    global _memo, _generation
    _generation += 1
    _memo = None


def forget_process_state():
    """Forget this process's local pages and content version (``cache.clear()`` calls this)."""
    forget_version()
    forget_local_cache()


def bump_content_version():
    """Raise the database's content version (in the caller's transaction) and re-read it here."""
    from education.models import ContentVersion

    if not ContentVersion.objects.filter(pk=1).update(n=F("n") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"n": 1})
    forget_version()


# Rows no public page shows: saving them must not make every process render its pages again.
NOT_ON_PUBLIC_PAGES = {"contentversion", "draft", "reviewevent", "pematscore"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _content_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label != "education" or meta.model_name in NOT_ON_PUBLIC_PAGES:
        return
    if meta.model_name.startswith("historical") or not kwargs.get("action", "post_").startswith("post_"):
        return  # history rows and the pre_ half of many-to-many changes show on no page
    bump_content_version()
    # Read again once this commits too: a page this process renders meanwhile (from the old rows,
    # still under the old number) must not keep the old token for another interval.
    transaction.on_commit(forget_version)


# --- Stored pages ------------------------------------------------------------------------------


class Entry(NamedTuple):
    """What the caches keep of a page: both bodies and the ETag, made once when it is stored."""

    content_type: str
    body: bytes
    gzipped: bytes
    etag: str  # without quotes: "<etag>" for the plain body, "<etag>-gzip" for the gzipped one

    @classmethod
    def of(cls, response):
        body = bytes(response.content)
        gzipped = gzip.compress(body, compresslevel=6, mtime=0)
        return cls(response["Content-Type"], body, gzipped, hashlib.sha256(body).hexdigest()[:32])

    @property
    def size(self):
        return len(self.body) + len(self.gzipped) + 200

    @classmethod
    def stored(cls, value):
        """An Entry from what the shared cache gave back (a plain tuple), or None if it is not one."""
        try:
            entry = cls(*value)
        except TypeError:
            return None
        return entry if all(isinstance(part, str | bytes) for part in entry) else None


def _shared():
    """The shared cache, or None when it lives in this process anyway (no REDIS_URL)."""
    shared = caches["default"]
    return None if getattr(shared, "process_local", False) else shared


def _not_modified(request, entry):
    tags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    # If-None-Match compares weakly (RFC 9110 13.1.2): a proxy that gzipped it may have added W/.
    ours = {f'"{entry.etag}"', f'"{entry.etag}-gzip"'}
    return "*" in tags or any(tag.removeprefix("W/") in ours for tag in tags)


def _respond(request, entry, how):
    zipped = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry.gzipped if zipped else entry.body, content_type=entry.content_type)
        if zipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = f'"{entry.etag}-gzip"' if zipped else f'"{entry.etag}"'
    response["Cache-Control"] = "no-cache"  # keep it, but ask every time: an edit shows at once
    response["Vary"] = "Accept-Encoding"
    response["X-Cache"] = how
    return response


def _personal(request, response):
    """Whether this rendering used anything of the visitor's own (never store those)."""
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or response.has_header("Vary")
        or response.has_header("Content-Encoding")
    )


def cached_or_rendered(request, key, timeout, render):
    """The page stored under ``key`` for the current content; else ``render()``, stored when impersonal.

    Looked up in this process's cache, then in the shared one; a page found in the shared cache is
    kept locally too. An entry from older content has another key, so it is simply not found.
    """
    local, shared = local_cache(), _shared()
    token, just_read = _token(fresh=False)
    versioned = f"{key}:{token}"
    entry = local.get(versioned)
    if entry is None and shared is not None:
        stored = shared.get(versioned)
        entry = None if stored is None else Entry.stored(stored)
        if entry is not None:
            local.set(versioned, entry, entry.size, timeout)
    if entry is not None:
        return _respond(request, entry, "hit")
    # A miss renders anyway: read the version first (unless that was just done), so the page is
    # stored under the newest one. It is taken before rendering: an edit committed meanwhile
    # raises the version, so a page rendered from older rows is stored under a token nobody
    # asks for again. The page and its footer (clinic_details) use this same token.
    if not just_read:
        token = content_token(fresh=True)
    versioned = f"{key}:{token}"
    pinned = _rendering_under.set(token)
    try:
        response = render()
    finally:
        _rendering_under.reset(pinned)
    if response.status_code != 200 or response.streaming or _personal(request, response):
        return response
    entry = Entry.of(response)
    local.set(versioned, entry, entry.size, timeout)
    if shared is not None:
        shared.set(versioned, tuple(entry), timeout)  # a plain tuple: no class path in Redis
    return _respond(request, entry, "miss")


def page_key(request):
    """The cache key of the address as sent: scheme, host, path and the raw query string."""
    location = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{hashlib.sha256(location.encode()).hexdigest()}"


def _cacheable(request, paginated):
    query = request.META.get("QUERY_STRING", "")
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and (query == "" or (paginated and CANONICAL_PAGE_QUERY.fullmatch(query) is not None))
    )


def cache_public_page(view=None, *, paginated=False):
    """Serve the view from the caches for anonymous visitors at its canonical address.

    ``paginated=True``: ``?page=N`` is part of the address too (the view must redirect a page
    number out of range, so only pages that exist are stored). Anything else in the query string
    is rendered fresh and never stored.
    """
    if view is None:
        return lambda view: cache_public_page(view, paginated=paginated)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request, paginated):
            return view(request, *args, **kwargs)
        return cached_or_rendered(
            request, page_key(request), PAGE_TIMEOUT, lambda: view(request, *args, **kwargs)
        )

    return wrapper


def while_content_unchanged(name, compute, size=4096):
    """``compute()``, kept in this process under the content token: what every page (or every
    self-check answer) reads but only an edit can change costs no query until the next edit.
    ``size`` is a rough byte count for the local cache's bound."""
    local, key = local_cache(), f"{name}:{_rendering_under.get() or content_token()}"
    value = local.get(key)
    if value is None:
        value = compute()
        local.set(key, value, size, PAGE_TIMEOUT)
    return value


def clinic_details():
    """ClinicDetails for every page."""
    from education.models import ClinicDetails

    return while_content_unchanged("clinic-details", ClinicDetails.load)
