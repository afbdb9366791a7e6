"""Django's PostgreSQL backend with a hard deadline on connecting and a short back-off after one fails.

A database host that accepts the connection and then never answers (a hung server, a dead
network path, a full backlog) would hold each request for as long as the connection attempt
lasts. psycopg's own `connect_timeout` cannot go below 2 s, and an error page that needs the
database (the clinic details in its footer) would wait a second time. So: each connection attempt
gets DJANGO_DB_CONNECT_TIMEOUT seconds (default 1), and after one times out, this process does
not try again for DJANGO_DB_RETRY_AFTER seconds (default 5): every request in between gets the
error page (or /readyz its 503) at once. A refused connection fails fast by itself and is not
remembered, so a restarted database is used again on the very next request.
"""

import threading
import time

from django.conf import settings
from django.db.backends.postgresql import base

_unreachable_until = {}  # database alias -> time.monotonic() before which nobody tries again


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        wait = _unreachable_until.get(self.alias, 0) - time.monotonic()
        if wait > 0:
            raise self.Database.OperationalError(
                f"the database did not answer in time a moment ago; trying again in {wait:.1f} s"
            )
        attempt = _Attempt(lambda: super(DatabaseWrapper, self).get_new_connection(conn_params))
        deadline = getattr(settings, "DATABASE_CONNECT_DEADLINE", 1.0)
        try:
            return attempt.result(deadline)
        except self.Database.errors.ConnectionTimeout:
            _unreachable_until[self.alias] = time.monotonic() + getattr(settings, "DATABASE_RETRY_AFTER", 5.0)
            raise


class _Attempt:
    """Run one connection attempt in a thread, so the caller can stop waiting for it."""

    def __init__(self, connect):
        self._connect = connect
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._abandoned = False
        self._connection = self._error = None
        threading.Thread(target=self._run, name="db-connect", daemon=True).start()

    def _run(self):
        try:
            self._connection = self._connect()
        except BaseException as error:  # noqa: BLE001 - handed to the caller in result()
            self._error = error
        with self._lock:
            self._done.set()
            abandoned = self._abandoned
        if abandoned and self._connection is not None:
            self._connection.close()  # nobody waits for it any more

    def result(self, timeout):
        from psycopg.errors import ConnectionTimeout

        self._done.wait(timeout)
        with self._lock:
            if not self._done.is_set():
                self._abandoned = True
                raise ConnectionTimeout(f"the database did not answer within {timeout:g} s")
        if self._error is not None:
            raise self._error
        return self._connection
