"""nginx in front of a gunicorn port, as in production: for `make serve-prod`, the tests and the bench.

    with servers.gunicorn(env) as app_port, proxy.nginx(app_port) as front:
        proxy.https_get(front, "/")          # TLS on front.https_port, plain HTTP on front.http_port

The site configuration is the shipped template, deploy/nginx/clinic-portal.conf, rendered for
127.0.0.1 with free ports, a throwaway self-signed certificate (openssl) and a temporary folder
for nginx's own files; everything is removed again on exit. `python scripts/proxy.py render …`
prints the same template filled in for a real server (docs/production.md, "Deploying");
`python scripts/proxy.py serve` is `make serve-prod`.
"""

# Starting nginx, openssl and the app is the point of this module.
# ruff: noqa: S603, S607

import argparse
import asyncio
import collections
import contextlib
import dataclasses
import http.client
import itertools
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:  # run as a script: make `scripts` importable
    sys.path.insert(0, str(BASE_DIR))
from scripts import servers  # noqa: E402

DEPLOY = BASE_DIR / "deploy" / "nginx"
TEMPLATE = DEPLOY / "clinic-portal.conf"
PROXY_PARAMS = DEPLOY / "clinic-portal-proxy.conf"
FILE_HEADERS = DEPLOY / "clinic-portal-file-headers.conf"
SYSTEM_PATH = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"


@dataclasses.dataclass
class Front:
    """A running nginx: its two ports, its folder and the certificate a client should trust."""

    http_port: int
    https_port: int
    folder: Path
    certificate: Path


def render_site(
    *,
    upstream,
    server_name,
    certificate,
    certificate_key,
    static_root,
    media_root,
    http_listen=("80", "[::]:80"),
    https_listen=("443", "[::]:443"),
    https_port_suffix="",
    admin_url="admin",
    proxy_params=PROXY_PARAMS,
    file_headers=FILE_HEADERS,
):
    """deploy/nginx/clinic-portal.conf with every @NAME@ filled in."""
    values = {
        "@LISTEN_HTTP@": "\n".join(f"    listen {address};" for address in http_listen),
        "@LISTEN_HTTPS@": "\n".join(f"    listen {address} ssl http2;" for address in https_listen),
        "@UPSTREAM@": upstream,
        "@SERVER_NAME@": server_name,
        "@CERTIFICATE@": str(certificate),
        "@CERTIFICATE_KEY@": str(certificate_key),
        "@STATIC_ROOT@": str(static_root).rstrip("/"),
        "@MEDIA_ROOT@": str(media_root).rstrip("/"),
        "@HTTPS_PORT_SUFFIX@": https_port_suffix,
        "@ADMIN_URL@": admin_url.strip("/"),
        "@PROXY_PARAMS@": str(proxy_params),
        "@FILE_HEADERS@": str(file_headers),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"{TEMPLATE} has names render_site does not fill in: {left}"
    return text


def self_signed_certificate(folder):
    """A certificate for 127.0.0.1 and localhost, valid two days; returns (certificate, key) paths."""
    folder = Path(folder)
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


def nginx_binary():
    return shutil.which("nginx", path=SYSTEM_PATH)


def ensure_nginx():
    """Install Debian's nginx (the light build is enough) and openssl when missing."""
    missing = [
        pkg
        for pkg, tool in (("nginx-light", "nginx"), ("openssl", "openssl"))
        if not shutil.which(tool, path=SYSTEM_PATH)
    ]
    if not missing:
        return
    print(f"installing {', '.join(missing)} from Debian's packages")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-qq", *missing]
    if subprocess.run(install, env=env).returncode != 0:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)  # a fresh machine
        subprocess.run(install, check=True, env=env)


MAIN_CONF = """# A throwaway nginx for 127.0.0.1 (scripts/proxy.py); the site itself is site.conf.
{user}
daemon off;
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""


@contextlib.contextmanager
def nginx(upstream_port, *, static_root=None, media_root=None, admin_url="admin", timeout=30):
    """nginx on two free 127.0.0.1 ports in front of gunicorn on ``upstream_port``; yields a Front."""
    binary = nginx_binary()
    if binary is None:
        raise servers.NotReady(
            "nginx is not installed (Debian package nginx-light; `make serve-prod` installs it)"
        )
    static_root = static_root or BASE_DIR / "staticfiles"
    media_root = media_root or BASE_DIR / "media"
    with tempfile.TemporaryDirectory(prefix="clinic-nginx-") as name:
        folder = Path(name)
        certificate, key = self_signed_certificate(folder)
        http_port, https_port = servers.free_port(), servers.free_port()
        (folder / "site.conf").write_text(
            render_site(
                upstream=f"127.0.0.1:{upstream_port}",
                server_name="127.0.0.1 localhost",
                certificate=certificate,
                certificate_key=key,
                static_root=static_root,
                media_root=media_root,
                http_listen=[f"127.0.0.1:{http_port}"],
                https_listen=[f"127.0.0.1:{https_port}"],
                https_port_suffix=f":{https_port}",
                admin_url=admin_url,
            )
        )
        # As root, nginx's workers would switch to `nobody`, who cannot enter this private folder.
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(MAIN_CONF.format(folder=folder, user=user))
        command = [
            binary,
            "-p",
            str(folder),
            "-c",
            str(folder / "nginx.conf"),
            "-e",
            str(folder / "error.log"),
        ]
        checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise servers.NotReady(f"nginx refused the configuration: {checked.stderr}")
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        front = Front(http_port, https_port, folder, certificate)
        try:
            _wait_until_answering(front, process, timeout)
            yield front
        finally:
            servers.stop(process)


def _wait_until_answering(front, process, timeout):
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (front.folder / "error.log").read_text(errors="replace")[-2000:]
            raise servers.NotReady(f"nginx exited with {process.returncode}: {log}")
        try:
            status = https_get(front, "/healthz", timeout=5)[0]
        except OSError as error:
            last = f"connection failed: {error}"
        else:
            if status == 200:
                return
            last = f"/healthz answered {status}"
        time.sleep(0.1)
    raise servers.NotReady(f"nginx on port {front.https_port} was not answering after {timeout} s ({last})")


def client_context(front):
    """A TLS client context that trusts exactly this nginx's throwaway certificate."""
    return ssl.create_default_context(cafile=str(front.certificate))


def https_get(front, path, headers=None, timeout=30, method="GET", body=None, source="127.0.0.1"):
    """(status, headers, body bytes) of one request over TLS to the proxy, sent from ``source``."""
    conn = http.client.HTTPSConnection(
        "127.0.0.1",
        front.https_port,
        timeout=timeout,
        context=client_context(front),
        source_address=(source, 0),
    )
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# --- Slow clients (tests/test_proxy.py and bench/proxy_rows.py) ---
#
# Half of them send a GET's headers a byte a second and never finish (slowloris: the request line,
# then one made-up header line after another); the other half send a self-check answer's headers
# at once, with a Content-Length of 100,000, then its body a byte a second. Each comes from its own
# loopback address (127.77.x.y), as many visitors would, so the per-address rate limit on the
# self-check answer does not turn them away: nginx has to hold every one open and read on. One the
# proxy answers or hangs up on connects again. They stop when the `with` block ends, or `limit`
# seconds after they were all connected (connecting may take up to 30 s), whichever is first.

SLOW_BODY_PATH = "/self-check/result/"  # the public form's POST (limited per address by nginx)
SLOW_BODY_LENGTH = 100_000  # never all sent: a byte a second


def _slow_bytes(n):
    """(what client n sends at once, what it then sends a byte a second)."""
    if n % 2:
        head = (
            f"POST {SLOW_BODY_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {SLOW_BODY_LENGTH}\r\n\r\n"
        )
        return head.encode(), itertools.repeat(ord("x"), SLOW_BODY_LENGTH)
    lines = (f"X-Slow-{line}: a byte a second\r\n" for line in itertools.count())
    request_line = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    return b"", itertools.chain(request_line, itertools.chain.from_iterable(map(str.encode, lines)))


async def _slow_client(port, context, n, stop, since, stats):
    """Client n: connects from 127.77.x.y, keeps its request coming until ``stop``; again if cut off."""
    address = f"127.77.{n // 250}.{n % 250 + 1}"
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=context, local_addr=(address, 0)
            )
        except OSError:
            stats["refused"] += 1
            await asyncio.sleep(1)
            continue
        head, trickle = _slow_bytes(n)
        try:
            writer.write(head)
            await writer.drain()
            stats["connected"] += 1
            since[n] = time.monotonic()
            for byte in trickle:
                writer.write(bytes([byte]))
                await writer.drain()
                stats["bytes_sent"] += 1
                # A second until the next byte, unless the proxy answers or hangs up first.
                with contextlib.suppress(TimeoutError):
                    answer = await asyncio.wait_for(reader.read(100), 1)
                    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "closed"
                    stats["cut_off"][status] += 1
                    break
                if stop.is_set():
                    break
        except OSError as error:  # ssl.SSLError too
            stats["cut_off"][type(error).__name__] += 1
        finally:
            since[n] = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _slow_clients(port, context, count, limit, started, stats, stopper):
    loop, stop, since, open_counts = asyncio.get_running_loop(), asyncio.Event(), [None] * count, []

    def finish():  # in the loop, so no client hangs up between the figures and the stop
        if not stop.is_set():
            stats["window_s"] = round(time.monotonic() - window_start, 1)
            stats["open_min"], stats["open_max"] = min(open_counts), max(open_counts)
            # The same connection held from the measurement's start to its end, without a break.
            stats["held_throughout"] = sum(1 for t in since if t is not None and t <= window_start)
            stop.set()

    tasks = [asyncio.ensure_future(_slow_client(port, context, n, stop, since, stats)) for n in range(count)]
    # Measuring starts once every client is connected with its request under way (or after 30 s).
    connect_by = time.monotonic() + 30
    while None in since and time.monotonic() < connect_by:
        await asyncio.sleep(0.05)
    window_start = time.monotonic()
    open_counts.append(count - since.count(None))
    stopper.append(lambda: loop.call_soon_threadsafe(finish))
    loop.call_later(limit, finish)
    started.set()
    while not stop.is_set():
        open_counts.append(count - since.count(None))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.1)
    await asyncio.gather(*tasks)


@contextlib.contextmanager
def slow_clients(front, count=200, limit=300):
    """``count`` slow TLS clients on the proxy's loopback port (above), at most 1,000. Yields once
    they are all connected, with their requests under way; they stop when the block ends (or after
    ``limit`` seconds), and the dict it yielded says then what happened: ``connected`` (connections
    made), ``refused``, ``cut_off`` ({status line or error: how many times the proxy answered or
    hung up}), ``bytes_sent``, ``window_s`` (the block's length), ``open_min``/``open_max`` (slow
    connections open, sampled every 0.1 s in the block) and ``held_throughout`` (clients whose one
    connection stayed open from the block's start to its end)."""
    if not 0 < count <= 1000:
        raise ValueError(f"count must be 1 to 1,000, not {count}")
    started, stopper = threading.Event(), []
    stats = {"connected": 0, "refused": 0, "cut_off": collections.Counter(), "bytes_sent": 0}
    context = client_context(front)
    coroutine = _slow_clients(front.https_port, context, count, limit, started, stats, stopper)
    thread = threading.Thread(target=asyncio.run, args=(coroutine,), name="slow-clients", daemon=True)
    thread.start()
    started.wait(40)
    try:
        yield stats
    finally:
        if stopper:
            stopper[0]()
        thread.join(30)


# --- make serve-prod ---


def serve(args):
    # `kill` (SIGTERM) stops it as cleanly as Ctrl-C: nginx, gunicorn and the folder go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ensure_nginx()
    folder = Path(tempfile.mkdtemp(prefix="clinic-serve-prod-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DJANGO_PROXY_ADDRESSES": "127.0.0.1",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/db.sqlite3",
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
    }
    python = sys.executable
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo_content", "-v0"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)
    (folder / "media").mkdir(exist_ok=True)
    try:
        with contextlib.ExitStack() as stack:
            app_port = stack.enter_context(
                servers.gunicorn(env, ready_headers={"X-Forwarded-Proto": "https"})
            )
            front = stack.enter_context(nginx(app_port, media_root=folder / "media"))
            print(
                f"Clinic Portal with production settings behind nginx:\n"
                f"  https://127.0.0.1:{front.https_port}/  (self-signed certificate: the browser warns)\n"
                f"  http://127.0.0.1:{front.http_port}/healthz  (plain-HTTP probe; the rest redirects)\n"
                f"  gunicorn on 127.0.0.1:{app_port}, database {env['DATABASE_URL']}\n"
                f"Stop with Ctrl-C.",
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "serve", help="nginx + gunicorn with production settings on 127.0.0.1 (make serve-prod)"
    )
    render = commands.add_parser(
        "render", help="print deploy/nginx/clinic-portal.conf filled in for a server"
    )
    render.add_argument("--server-name", required=True, help="e.g. portal.example.org")
    render.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's address (GUNICORN_BIND)")
    render.add_argument(
        "--certificate", required=True, help="e.g. /etc/letsencrypt/live/<name>/fullchain.pem"
    )
    render.add_argument(
        "--certificate-key", required=True, help="e.g. /etc/letsencrypt/live/<name>/privkey.pem"
    )
    render.add_argument("--static-root", required=True, help="where collectstatic put the files")
    render.add_argument("--media-root", required=True, help="DJANGO_MEDIA_ROOT")
    render.add_argument("--admin-url", default="admin", help="DJANGO_ADMIN_URL")
    render.add_argument("--proxy-params", default="/etc/nginx/snippets/clinic-portal-proxy.conf")
    render.add_argument("--file-headers", default="/etc/nginx/snippets/clinic-portal-file-headers.conf")
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args)
    else:
        print(
            render_site(
                upstream=args.upstream,
                server_name=args.server_name,
                certificate=args.certificate,
                certificate_key=args.certificate_key,
                static_root=args.static_root,
                media_root=args.media_root,
                admin_url=args.admin_url,
                proxy_params=args.proxy_params,
                file_headers=args.file_headers,
            ),
            end="",
        )


if __name__ == "__main__":
    main()
