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


HIDE_AND_CHECK = """
import sys
for name in {hidden!r}:
    sys.modules[name] = None  # as if it were not installed: importing it raises ImportError
sys.argv = ["manage.py", "check"]
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
"""


def _check_without(hidden, env_overrides):
    """`manage.py check` where the modules ``hidden`` cannot be imported (requirements.txt alone)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env_overrides
    env["DJANGO_SETTINGS_MODULE"] = "clinic_portal.settings"
    return subprocess.run(
        [sys.executable, "-c", HIDE_AND_CHECK.format(hidden=hidden)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "url", "hidden", "named"),
    [
        ("DATABASE_URL", "postgres://portal@127.0.0.1:5432/clinic", ["psycopg"], "PostgreSQL"),
        ("REDIS_URL", "redis://127.0.0.1:6379/9", ["redis", "django_redis"], "Redis"),
    ],
)
def test_a_database_or_cache_whose_driver_is_not_installed_is_refused_with_a_clear_message(
    variable, url, hidden, named
):
    result = _check_without(hidden, {variable: url})
    assert result.returncode != 0
    assert f"{variable} asks for {named}" in result.stderr
    assert "pip install -r requirements-postgres.txt" in result.stderr


def test_the_sqlite_default_needs_neither_driver():
    result = _check_without(["psycopg", "redis", "django_redis"], {"DATABASE_URL": "", "REDIS_URL": ""})
    assert result.returncode == 0, result.stderr


def test_requirements_txt_holds_only_what_the_default_uses():
    def pinned(name):
        lines = (ROOT / name).read_text().splitlines()
        return {line.split("==")[0].lower() for line in lines if "==" in line and not line.startswith("#")}

    optional = {"psycopg", "psycopg-binary", "redis", "django-redis"}
    assert not pinned("requirements.txt") & optional
    assert pinned("requirements-postgres.txt") == {"psycopg", "redis", "django-redis"}
    assert "-r requirements.txt" in (ROOT / "requirements-postgres.txt").read_text()
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements-postgres.txt" in dev and "psycopg-binary" in pinned("requirements-dev.txt")
