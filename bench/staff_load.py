"""Staff under load on a running gunicorn: several Editors saving article edits at once, a Medical
reviewer approving the queue, a patient reading pages (tests/site/test_staff_load.py, `make bench`).

Each Editor is a thread with its own signed-in session: it opens an article's change form (half
the time the one article every Editor shares, otherwise its own), appends a line with a token of
its own to the body, saves, opens the draft page the save leads to, and a third of the time
submits the draft. The reviewer approves whatever is in review every 0.3 s. Afterwards ``check``
reads the database: every token whose save was answered "saved" (302) must be in the article's
text (its open draft, or the live row once approved). A save refused because someone else saved
first (the form again, 200) is a correct answer, not an error; any 5xx is one.

    python bench/staff_load.py [seconds [editors]]  # a throwaway SQLite database (or DATABASE_URL's, empty)
"""

# Starting the processes under test is the point of this module.
# ruff: noqa: S603

import collections
import http.client
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
EDITORS = 5
REVIEW_EVERY = 0.3  # seconds between the reviewer's rounds through the queue
CSRF_SECRET = "stafflo8" * 4  # our own CSRF cookie, sent back unmasked as the token (Django accepts it)

# Runs in `manage.py shell`: the articles, the Editors and a reviewer, each with a signed-in session
# (TOTP-verified when the admin asks for two factors), printed as JSON.
SETUP = """
import json
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from education.models import Article, MedicalReviewer, Status, Topic

editors = %d
topic, _ = Topic.objects.get_or_create(slug="staff-load", defaults={"name": "Staff load", "summary": "Load."})
signer = MedicalReviewer.objects.create(name="Dr. Load", credentials="MD")
articles = [
    Article.objects.create(
        title=f"Staff load article {n}", slug=f"staff-load-{n}", topic=topic, summary="One sentence.",
        key_points="One\\nTwo", body="<p>Body text.</p>", status=Status.PUBLISHED, reviewer=signer,
        last_reviewed=timezone.localdate(),
    ).pk
    for n in range(editors + 1)
]

def session(name, group):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough password 123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    store = client.session
    store[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(user=user, name="load").persistent_id
    store.save()
    return user, store.session_key

reviewer, reviewer_session = session("load-reviewer", "Medical reviewers")
signer.user = reviewer
signer.save()
print(json.dumps({
    "articles": articles,
    "editors": [session(f"load-editor-{n}", "Editors")[1] for n in range(editors)],
    "reviewer": reviewer_session,
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "scheme": "http" if settings.DEBUG else "https",
}))
"""

# Runs in `manage.py shell`: which saved tokens are missing from their article's text now.
CHECK = """
import json
from education.editorial import drafts
from education.models import Article

saved = json.loads('%s')
missing = []
for pk, tokens in saved.items():
    live = Article.objects.get(pk=pk)
    draft = drafts.open_draft(live)
    text = draft.data["fields"]["body"] if draft else live.body
    missing += [token for token in tokens if token not in text]
print(json.dumps(missing))
"""


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def setup(env, editors=EDITORS):
    """Create the load's articles and staff in ``env``'s (migrated) database; returns its JSON."""
    return json.loads(manage(env, "shell", "-c", SETUP % editors).strip().splitlines()[-1])


@dataclass
class Tally:
    """What every thread saw, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: collections.Counter = field(default_factory=collections.Counter)
    server_errors: list = field(default_factory=list)  # (status, method, path, first line of the page)
    saved: dict = field(default_factory=lambda: collections.defaultdict(list))  # article pk: tokens
    save_us: list = field(default_factory=list)  # each save answered 302, in microseconds
    counts: collections.Counter = field(default_factory=collections.Counter)

    def add(self, method, path, status, page):
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                # The staff error page's reason (education/site/staff_errors.py), or the page's title.
                found = re.search(r'class="errornote"[^>]*>(.*?)</p>', page, re.S) or re.search(
                    r"<title>(.*?)</title>", page, re.S
                )
                what = re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else page[:80]
                self.server_errors.append((status, method, path, what))


class Session:
    """One signed-in staff member's requests to 127.0.0.1:port (a new connection each, as simple)."""

    def __init__(self, port, setup_info, session_key, tally):
        self.port, self.tally = port, tally
        self.origin = f"{setup_info['scheme']}://127.0.0.1"
        self.cookie = (
            f"{setup_info['session_cookie']}={session_key}; {setup_info['csrf_cookie']}={CSRF_SECRET}"
        )

    def request(self, method, path, fields=None):
        headers = {"Host": "127.0.0.1", "Cookie": self.cookie, "X-Forwarded-Proto": "https"}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", CSRF_SECRET)])
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin}
            headers["Referer"] = self.origin + path
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            status, location, page = (
                response.status,
                response.getheader("Location", ""),
                response.read().decode(),
            )
        finally:
            conn.close()
        self.tally.add(method, path, status, page)
        return status, location, page

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, fields)


def form_fields(page, form_id):
    from tests.site.test_two_processes import FormFields

    parser = FormFields(form_id)
    parser.feed(page)
    return [(k, v) for k, v in parser.fields if k != "csrfmiddlewaretoken"]


def editor(session, number, articles, deadline, tally, rng):
    shared, own = articles[0], articles[1 + number % (len(articles) - 1)]
    saves = 0
    while time.monotonic() < deadline:
        pk = shared if rng.random() < 0.5 else own
        change = f"/admin/education/article/{pk}/change/"
        status, _, page = session.get(change)
        if status != 200:
            continue
        fields = dict(form_fields(page, "article_form"))
        saves += 1
        token = f"load-e{number}-s{saves}"
        fields |= {"body": fields.get("body", "") + f"<p>{token}</p>", "_save": "Save"}
        begun = time.perf_counter()
        status, location, page = session.post(change, list(fields.items()))
        took = time.perf_counter() - begun
        if status == 200:
            tally.counts["save refused: someone saved first"] += 1
            continue
        if status != 302:
            continue
        with tally.lock:
            tally.saved[pk].append(token)
            tally.save_us.append(took * 1e6)
            tally.counts["saved"] += 1
        draft_page = urllib.parse.urlsplit(location).path
        status, _, page = session.get(draft_page)
        if status != 200:
            tally.counts[f"draft page after a save answered {status}"] += 1
            continue
        tally.counts["draft page opened"] += 1
        if rng.random() < 1 / 3:
            step = draft_page.replace("/change/", "/step/")
            status, location, _ = session.post(step, [("step", "submit"), ("note", f"From editor {number}.")])
            if status == 302 and urllib.parse.urlsplit(location).path == draft_page:
                tally.counts["submit answered on the draft page"] += 1
            elif status == 302:
                tally.counts["submit sent elsewhere (draft not found)"] += 1


def reviewer(session, deadline, tally):
    while time.monotonic() < deadline:
        begun = time.monotonic()
        status, _, page = session.get("/admin/education/draft/?state=in_review")
        ids = (
            dict.fromkeys(re.findall(r"/admin/education/draft/(\d+)/change/", page)) if status == 200 else {}
        )
        for draft_id in ids:
            status, _, page = session.get(f"/admin/education/draft/{draft_id}/change/")
            approve = re.search(
                r'<form[^>]*>(?:(?!</form>).)*name="step" value="approve".*?</form>', page, re.S
            )
            if status != 200 or not approve:
                continue
            fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', approve.group(0))
            fields = [(k, v) for k, v in fields if k != "csrfmiddlewaretoken"] + [("go_live_at", "")]
            status, _, _ = session.post(f"/admin/education/draft/{draft_id}/step/", fields)
            tally.counts["approve answered"] += status == 302
        time.sleep(max(0.0, REVIEW_EVERY - (time.monotonic() - begun)))


def patient(port, deadline, tally, paths):
    while time.monotonic() < deadline:
        for path in paths:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                tally.add("GET", path, response.status, response.read().decode(errors="replace"))
            finally:
                conn.close()


def run(port, info, duration, seed=28):
    """Drive the load for ``duration`` seconds; returns the Tally."""
    tally = Tally()
    deadline = time.monotonic() + duration
    threads = [
        threading.Thread(
            target=editor,
            args=(
                Session(port, info, key, tally),
                n,
                info["articles"],
                deadline,
                tally,
                random.Random(seed + n),
            ),
        )
        for n, key in enumerate(info["editors"])
    ]
    threads.append(
        threading.Thread(
            target=reviewer, args=(Session(port, info, info["reviewer"], tally), deadline, tally)
        )
    )
    pages = ["/", *(f"/articles/staff-load-{n}/" for n in range(len(info["articles"])))]
    threads.append(threading.Thread(target=patient, args=(port, deadline, tally, pages)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def missing_saves(env, tally):
    """Tokens of saves answered "saved" that are not in their article's text now."""
    saved = json.dumps({str(pk): tokens for pk, tokens in tally.saved.items()})
    return json.loads(manage(env, "shell", "-c", CHECK % saved).strip().splitlines()[-1])


def summary(tally, missing):
    saves = sorted(tally.save_us)

    def percentile(p):
        return saves[min(len(saves) - 1, int(p * len(saves)))] if saves else 0.0

    return {
        "requests": sum(tally.statuses.values()),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "server_errors": len(tally.server_errors),
        "first_server_errors": tally.server_errors[:5],
        "counts": dict(tally.counts),
        "saves": len(saves),
        "save_p50_us": statistics.median(saves) if saves else 0.0,
        "save_p99_us": percentile(0.99),
        "missing_saves": missing,
    }


def main():
    import os
    import tempfile

    from scripts import servers

    duration = float(sys.argv[1]) if len(sys.argv) > 1 else 15
    editors = int(sys.argv[2]) if len(sys.argv) > 2 else EDITORS
    with tempfile.TemporaryDirectory(prefix="clinic-staff-load-") as folder:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(BASE_DIR)),
            "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/load.sqlite3",
            "DJANGO_DEBUG": "true",
            "DJANGO_ADMIN_2FA": "false",
            "DJANGO_LOG_LEVEL": "ERROR",
            "GUNICORN_ACCESS_LOG": "",
        }
        manage(env, "migrate", "--noinput", "-v0")
        info = setup(env, editors)
        with servers.gunicorn(env) as port:
            tally = run(port, info, duration)
        print(json.dumps(summary(tally, missing_saves(env, tally)), indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    main()
