"""Several staff writing at once: SQLite write transactions wait for each other instead of failing,
an Editor reaches every draft they saved into, and (marked slow) five Editors and a reviewer on
real gunicorn (gunicorn.conf.py) get 0 x 5xx with every reported save stored, on SQLite and, when
DATABASE_URL points at PostgreSQL, on PostgreSQL (bench/staff_load.py drives the load)."""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from bench import staff_load
from education.editorial.permissions import EDITORS
from education.models import Draft
from scripts import servers
from tests.admin_forms import change_url, draft_step, edit_in_admin

BASE_DIR = Path(__file__).resolve().parents[2]
LOAD_SECONDS = 12

# Two transactions that each read, then write, overlapping: the classic SQLite "database is
# locked" (a deferred transaction cannot upgrade its read lock while another one writes).
OVERLAPPING_WRITES = """
import json, threading, time
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
    journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
errors, start = [], threading.Barrier(2)

def add_one():
    start.wait()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            time.sleep(0.3)
            cursor.execute("UPDATE counter SET n = n + 1")
    except Exception as error:
        errors.append(str(error))
    finally:
        connection.close()

threads = [threading.Thread(target=add_one) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    n = cursor.execute("SELECT n FROM counter").fetchone()[0]
print(json.dumps({"journal": journal, "errors": errors, "n": n}))
"""


def test_two_overlapping_write_transactions_on_sqlite_both_succeed(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", OVERLAPPING_WRITES],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result == {"journal": "wal", "errors": [], "n": 2}


@pytest.mark.django_db
def test_an_editor_who_saved_into_a_draft_another_editor_started_opens_submits_and_lists_it(
    client, editor, make_article
):
    article = make_article(title="Shared article")
    client.force_login(editor)
    edit_in_admin(client, article, body="First editor's text.")
    second = User.objects.create_user("second-editor", password="correct horse battery staple", is_staff=True)
    second.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(second)
    response = edit_in_admin(client, article, body="Second editor's text.")
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()

    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Started</dt><dd>" in text and "by editor</dd>" in text
    assert "Last saved</dt><dd>" in text and "by second-editor</dd>" in text

    listing = client.get("/admin/education/draft/").content.decode()
    assert draft.get_absolute_url() in listing

    response = draft_step(client, draft, "submit", note="Both of us edited it.")
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW and draft.submitted_by == second
    assert client.get(change_url(article)).status_code == 200


def staff_load_env(database_url):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "true",  # no HTTPS redirect or collected static files needed on loopback
        "DJANGO_ADMIN_2FA": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "GUNICORN_ACCESS_LOG": "",
    }


@pytest.fixture
def load_database_url():
    """A new empty database on the suite's own engine: a SQLite file, or a PostgreSQL database on the
    server DATABASE_URL points at (the suite's PostgreSQL pass); removed afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        with tempfile.TemporaryDirectory(prefix="clinic-staff-load-") as folder:
            yield f"sqlite:///{folder}/load.sqlite3"
        return
    import psycopg

    server = url.rsplit("/", 1)[0]
    name = f"clinic_staff_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_five_editors_and_a_reviewer_get_no_server_error_and_lose_no_save(load_database_url):
    """Five Editors (half on one shared article, a third submitting) and a reviewer approving every
    0.3 s, on gunicorn with gunicorn.conf.py, for LOAD_SECONDS: before SQLite's IMMEDIATE
    transactions about one save in two answered 500 "database is locked"."""
    env = staff_load_env(load_database_url)
    staff_load.manage(env, "migrate", "--noinput", "-v0")
    info = staff_load.setup(env)
    with servers.gunicorn(env) as port:  # gunicorn.conf.py: workers and threads as in production
        tally = staff_load.run(port, info, LOAD_SECONDS)
    result = staff_load.summary(tally, staff_load.missing_saves(env, tally))
    assert result["server_errors"] == 0, result
    assert result["missing_saves"] == [], result
    assert result["saves"] >= 10, result
    assert result["counts"].get("approve answered", 0) >= 1, result
    assert not [k for k in result["counts"] if "answered 404" in k or "not found" in k], result
