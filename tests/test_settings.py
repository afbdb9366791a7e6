"""The settings refuse unsafe production start-ups and read their values from the environment."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _django_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env_overrides
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_start_without_secret_key_is_refused_with_a_clear_message():
    result = _django_check({"DJANGO_DEBUG": "false"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_start_with_secret_key_passes_the_system_checks():
    result = _django_check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode == 0, result.stderr


def test_local_development_needs_no_variables():
    assert _django_check({}).returncode == 0


def _stream_handlers_reached(logger):
    found = []
    while logger is not None:
        # pytest's own capture handlers are StreamHandlers too: count only what the settings add.
        found += [h for h in logger.handlers if type(h).__module__.startswith(("logging", "django"))]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize("name", ["django", "django.security.csrf", "django.db.backends", "education.site"])
def test_each_log_line_is_printed_once(name):
    assert len(_stream_handlers_reached(logging.getLogger(name))) == 1


def test_mail_provider_sign_in_comes_from_the_environment():
    """A clinic's mail provider (port 587, STARTTLS, an account) is set up by variables alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "smtp.clinic.example",
        "DJANGO_EMAIL_PORT": "587",
        "DJANGO_EMAIL_USE_TLS": "true",
        "DJANGO_EMAIL_HOST_USER": "portal@clinic.example",
        "DJANGO_EMAIL_HOST_PASSWORD": "mail password",
    }
    code = (
        "import django; django.setup(); from django.core.mail import get_connection; c = get_connection(); "
        "print(c.host, c.port, c.use_tls, c.use_ssl, c.username, c.password, c.timeout)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env | {"DJANGO_SETTINGS_MODULE": "clinic_portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == [
        "smtp.clinic.example",
        "587",
        "True",
        "False",
        "portal@clinic.example",
        "mail",
        "password",
        "10",
    ], result.stderr
