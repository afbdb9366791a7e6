"""Cache backends (settings.CACHES): local memory here, Redis behind a circuit breaker in
``rediscache`` (imported only when REDIS_URL is set: the Redis client is an optional install,
requirements-postgres.txt).

Both backends' ``clear()`` also forget what the process keeps beside them (its local page
cache and the content version it last read), so clearing the cache clears every tier.
"""

from django.core.cache.backends.locmem import LocMemCache


def forget_process_state():
    from education.site import cache as page_cache

    page_cache.forget_process_state()


class LocalMemoryCache(LocMemCache):
    """Django's local-memory cache (no REDIS_URL): one process, so no local tier beside it."""

    process_local = True

    def clear(self):
        forget_process_state()
        super().clear()
