"""Start the portal's own gunicorn on a free loopback port and wait until it is ready.

One place for the tests that need real app processes (tests/site/test_two_processes.py, fault tests),
the benchmark (bench/run.py) and local production-like serving. "Ready" means /readyz answered
200 (database and cache reachable); a process that exits, or a /readyz that keeps answering
503, is an error with the reason, never a silent carry-on.
"""

# Starting the processes under test is the point of this module.
# ruff: noqa: S603

import contextlib
import http.client
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


class NotReady(RuntimeError):
    """The server exited or never answered /readyz with 200."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None, timeout=30):
    """(status, headers, body bytes) of one plain GET to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def wait_until_ready(port, process, timeout=60, headers=None):
    """Poll /readyz every 0.1 s until it answers 200; raise NotReady with the last answer otherwise."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NotReady(f"gunicorn on port {port} exited with {process.returncode}: {_log_tail(process)}")
        try:
            status = get(port, "/readyz", headers=headers, timeout=5)[0]
        except OSError as error:
            last = f"connection failed: {error}"
        else:
            if status == 200:
                return
            last = f"/readyz answered {status}"
        time.sleep(0.1)
    raise NotReady(f"gunicorn on port {port} was not ready after {timeout} s ({last})")


def _log_tail(process):
    log = getattr(process, "log_file", None)
    if log is None:
        return ""
    log.seek(0)
    return log.read().decode(errors="replace")[-3000:]


def stop(process, timeout=30):
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def gunicorn(env, port=None, args=(), ready_headers=None):
    """A running gunicorn (gunicorn.conf.py, ``env`` as its whole environment); yields its port."""
    port = port or free_port()
    # A file, not a pipe: nobody reads a pipe while the server runs, and a full one blocks it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [GUNICORN, "clinic_portal.wsgi", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", *args],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        process.log_file = log
        try:
            wait_until_ready(port, process, headers=ready_headers)
            yield port
        finally:
            stop(process)
