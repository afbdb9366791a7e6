"""A small cache inside each app process, in front of the shared one (Redis).

A hit here costs no network round trip. It is safe to keep pages here without asking Redis
whether they are current because every key carries the content version
(``education.site.cache``): a page from older content is simply never asked for again, and the
least recently used entries make room. Memory stays bounded by both an entry count and a total
size in bytes, whatever visitors ask for.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings


class LocalCache:
    """Thread-safe LRU of ``key -> value``, bounded by ``max_entries`` and ``max_bytes``.

    Callers say how many bytes a value takes (for a page: its bodies), so the bound is on what
    the process actually keeps, not on a guess made here.
    """

    def __init__(self, max_entries, max_bytes):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries = OrderedDict()  # key -> (value, size, expires at: time.monotonic())
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._entries.get(key)
            if item is None:
                return None
            if item[2] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return item[0]

    def set(self, key, value, size, timeout):
        if size > self.max_bytes:
            return  # would push out everything else
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (value, size, time.monotonic() + timeout)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key):
        self._bytes -= self._entries.pop(key)[1]

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self):
        return len(self._entries)

    @property
    def total_bytes(self):
        return self._bytes


_local = None
_create = threading.Lock()


def local_cache():
    """This process's LocalCache, sized by LOCAL_CACHE_MAX_ENTRIES and LOCAL_CACHE_MAX_BYTES."""
    global _local
    if _local is None:
        with _create:
            if _local is None:
                _local = LocalCache(
                    getattr(settings, "LOCAL_CACHE_MAX_ENTRIES", 4096),
                    getattr(settings, "LOCAL_CACHE_MAX_BYTES", 32 * 1024 * 1024),
                )
    return _local


def forget_local_cache():
    """Start over (with the current settings' sizes): for cache.clear() and tests."""
    global _local
    with _create:
        _local = None
