"""With production variables set, Django's deployment checks pass and the security settings are on."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core import checks

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    # An empty database of its own: the go-live checks (below) have nothing to report on it.
    "DATABASE_URL": f"sqlite:///{tempfile.mkdtemp(prefix='deploy-check-')}/db.sqlite3",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
}
SHOW_SETTINGS = """
import json
from django.conf import settings as s
names = [
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SECURE_PROXY_SSL_HEADER", "ADMIN_2FA",
]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


def run_manage(*args, env=None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | (env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_for(env):
    result = run_manage("shell", "-c", SHOW_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_passes_at_warning_level_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_serves_https_only_with_one_year_hsts_and_host_only_secure_cookies():
    values = settings_for(PRODUCTION_ENV)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    for cookie in ("SESSION", "CSRF"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert values[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
        assert values[f"{cookie}_COOKIE_NAME"].startswith("__Host-")
    assert values["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True


def test_hsts_can_be_ramped_up_through_an_environment_variable():
    assert settings_for(PRODUCTION_ENV | {"DJANGO_HSTS_SECONDS": "300"})["SECURE_HSTS_SECONDS"] == 300


def test_proxy_https_header_is_trusted_only_when_opted_in():
    assert settings_for(PRODUCTION_ENV)["SECURE_PROXY_SSL_HEADER"] is None
    opted_in = settings_for(PRODUCTION_ENV | {"DJANGO_BEHIND_TLS_PROXY": "true"})
    assert opted_in["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_staff_two_factor_is_on_in_production_and_off_for_local_development_by_default():
    assert settings_for(PRODUCTION_ENV)["ADMIN_2FA"] is True
    assert settings_for(PRODUCTION_ENV | {"DJANGO_ADMIN_2FA": "false"})["ADMIN_2FA"] is False
    local = settings_for({})
    assert local["ADMIN_2FA"] is False
    assert local["SESSION_COOKIE_NAME"] == "sessionid"  # `__Host-` cookies would need HTTPS locally


@pytest.mark.django_db
def test_check_deploy_lists_what_is_left_before_going_live(demo_content, settings):
    """The admin home's go-live list, as Django deployment checks (one id per kind of finding)."""
    settings.SITE_URL = ""
    found = checks.run_checks(include_deployment_checks=True, tags=["deploy"])
    by_id = {}
    for warning in found:
        assert warning.level == checks.WARNING
        by_id.setdefault(warning.id, []).append(warning)
    clinic = [w for w in by_id["education.W001"] if "Clinic details" in w.msg]
    assert clinic and "(202) 555-0142" in clinic[0].msg
    assert "/admin/education/clinicdetails/1/change/" in clinic[0].hint
    assert any("hello@riverbend-clinic.example" in w.msg for w in by_id["education.W002"])
    assert by_id["education.W003"]  # demo items not reviewed by a real reviewer
    assert any("DJANGO_SITE_URL is not set" in w.msg for w in by_id["education.W006"])
