"""The shared cache (settings.CACHES with REDIS_URL): django-redis behind a circuit breaker.

Redis is an optimisation here, never a dependency: pages are correct without it
(``education.site.cache``). So a Redis that refuses connections, or hangs (a stopped process, a
network that drops packets), must cost a request at most one short socket timeout (CACHES
OPTIONS, 0.25 s) and then nothing: after an error every call skips Redis for BREAKER_SECONDS
(default 5) in the whole process, and pages come from the process's own cache or are rendered.
The next call after that tries Redis again.

Its ``clear()`` also forgets what the process keeps beside it (``cachebackends``).
"""

import functools
import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from .cachebackends import forget_process_state

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Open for ``seconds`` after a failure: callers skip the dependency while it is open."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0
        self._lock = threading.Lock()

    def allows(self):
        return time.monotonic() >= self.open_until

    def trip(self, error):
        with self._lock:
            if self.allows():
                logger.warning("Redis failed (%s): skipped for %s s", type(error).__name__, self.seconds)
            self.open_until = time.monotonic() + self.seconds

    def reset(self):
        self.open_until = 0.0


# One breaker per Redis server and prefix for the whole process: Django builds a cache backend
# per thread, and every thread should learn from the first one that waited for a hung Redis.
_breakers = {}
_breakers_lock = threading.Lock()


def _guarded(name, fallback):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if not self.breaker.allows():
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except (ConnectionInterrupted, RedisError, OSError) as error:
            self.breaker.trip(error)
            return fallback(*args, **kwargs)

    return guarded


def _default(key, default=None, *args, **kwargs):
    return default


def _false(*args, **kwargs):
    return False


def _nothing(*args, **kwargs):
    return None


class ResilientRedisCache(RedisCache):
    """django-redis with errors raised to a circuit breaker instead of swallowed per call.

    OPTIONS: django-redis's own (SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT, ...) and BREAKER_SECONDS.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        seconds = float(options.pop("BREAKER_SECONDS", 5))
        options["IGNORE_EXCEPTIONS"] = False  # the breaker below sees every error
        super().__init__(server, {**params, "OPTIONS": options})
        with _breakers_lock:
            self.breaker = _breakers.setdefault((server, self.key_prefix), CircuitBreaker(seconds))

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda *args, **kwargs: {})
    set = _guarded("set", _false)
    set_many = _guarded("set_many", lambda data, *args, **kwargs: list(data))
    add = _guarded("add", _false)
    touch = _guarded("touch", _false)
    delete = _guarded("delete", _false)
    delete_many = _guarded("delete_many", _nothing)
    has_key = _guarded("has_key", _false)
    _clear = _guarded("clear", _nothing)

    def clear(self):
        forget_process_state()
        self.breaker.reset()
        return self._clear()
