"""Forwarded headers are believed only when the settings say a TLS proxy is in front.

Without DJANGO_BEHIND_TLS_PROXY, a client's own `X-Forwarded-Proto: https` over plain HTTP is
redirected to HTTPS like any plain request (neither gunicorn nor Django trusts it), and its
`X-Real-IP` does not change the address django-axes locks out. The health probes answer over
plain HTTP either way, so a load balancer can probe without following redirects.
"""

import os
import secrets
import tempfile

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from scripts import servers

# One pytest-xdist worker runs this whole module: its module-scoped servers start once.
pytestmark = pytest.mark.xdist_group("forwarded_headers")

ONE_WORKER = ("--workers", "1", "--threads", "2", "--access-logfile", "/dev/null")
FAKE_HTTPS = {"X-Forwarded-Proto": "https"}


def production_env(folder, **extra):
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="clinic-forwarded-") as path:
        yield path


@pytest.fixture(scope="module")
def direct_gunicorn(folder):
    """gunicorn with production settings and no proxy configured (the default)."""
    with servers.gunicorn(production_env(folder), args=ONE_WORKER) as port:
        yield port


@pytest.fixture(scope="module")
def proxied_gunicorn(folder):
    with servers.gunicorn(
        production_env(folder, DJANGO_BEHIND_TLS_PROXY="true"), args=ONE_WORKER, ready_headers=FAKE_HTTPS
    ) as port:
        yield port


def test_without_the_setting_a_faked_https_header_is_redirected(direct_gunicorn):
    status, headers, _ = servers.get(direct_gunicorn, "/robots.txt", FAKE_HTTPS)
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/robots.txt"


@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_health_probes_answer_over_plain_http(direct_gunicorn, probe):
    status, headers, body = servers.get(direct_gunicorn, probe)
    assert status == 200, body
    assert "Location" not in headers


def test_behind_the_configured_proxy_its_https_header_is_believed(proxied_gunicorn):
    status, _, body = servers.get(proxied_gunicorn, "/robots.txt", FAKE_HTTPS)
    assert status == 200
    assert b"Sitemap: https://127.0.0.1/sitemap.xml" in body
    # ...and a request the proxy marks as plain HTTP is still sent to HTTPS.
    assert servers.get(proxied_gunicorn, "/robots.txt", {"X-Forwarded-Proto": "http"})[0] == 301


def test_health_probes_answer_over_plain_http_behind_the_proxy_too(proxied_gunicorn):
    assert servers.get(proxied_gunicorn, "/healthz")[0] == 200
    assert servers.get(proxied_gunicorn, "/readyz")[0] == 200


def fail_sign_in(client, real_ip):
    return client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "wrong password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP=real_ip,
    )


def test_lockouts_use_the_visitors_address_from_the_configured_proxy(client, superuser, settings):
    settings.PROXY_ADDRESSES = ["127.0.0.1", "::1"]
    fail_sign_in(client, "203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_a_real_ip_header_is_ignored_without_the_setting(client, superuser, settings):
    settings.PROXY_ADDRESSES = []
    fail_sign_in(client, "203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_a_real_ip_header_from_anyone_but_the_proxy_is_ignored(client, superuser, settings):
    settings.PROXY_ADDRESSES = ["10.0.0.2"]
    fail_sign_in(client, "203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
