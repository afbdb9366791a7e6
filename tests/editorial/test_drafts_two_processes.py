"""An Editor's draft leaves both app processes on the approved text; the reviewer's approval in
one process shows in the other on the very next request (shared PostgreSQL and Redis)."""

import contextlib
import re
import subprocess
import sys
import urllib.parse

import pytest

from scripts import servers
from tests.site.test_two_processes import (  # noqa: F401 - shared_services is a fixture
    BASE_DIR,
    ONE_SMALL_WORKER,
    FormFields,
    fetch,
    served_within_bound,
    shared_services,
)

pytestmark = pytest.mark.postgres
# Our own CSRF cookie, sent back unmasked as the form token (Django accepts that pair), so the test
# does not depend on which of several Set-Cookie headers http.client keeps.
CSRF_SECRET = "drafts2p" * 4

SETUP = """
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from education.models import Article, MedicalReviewer, Status, Topic

topic = Topic.objects.create(name="Depression", slug="depression", summary="About depression.")
signer = MedicalReviewer.objects.create(name="Dr. Two", credentials="MD")
article = Article.objects.create(
    title="Approved title", slug="drafted", topic=topic, summary="One sentence.",
    key_points="One\\nTwo", body="Body text.", status=Status.PUBLISHED, reviewer=signer,
    last_reviewed=timezone.localdate(),
)
sessions = []
for name, group in (("editor2p", "Editors"), ("reviewer2p", "Medical reviewers")):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough password 123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
signer.user = User.objects.get(username="reviewer2p")
signer.save()
print(article.pk, *sessions)
"""


def post_form(port, path, form_id, changes, cookies):
    status, headers, page = fetch(port, path, cookies=cookies)
    assert status == 200, page[:500]
    parser = FormFields(form_id)
    parser.feed(page)
    fields = [(k, v) for k, v in parser.fields if k not in changes and k != "csrfmiddlewaretoken"]
    fields += [*changes.items(), ("csrfmiddlewaretoken", CSRF_SECRET)]
    return fetch(port, path, "POST", urllib.parse.urlencode(fields), cookies | {"csrftoken": CSRF_SECRET})


def test_a_draft_stays_out_of_both_processes_until_approved_in_one_of_them(shared_services):  # noqa: F811
    env = shared_services
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True)
    out = subprocess.run(
        [*manage, "shell", "-c", SETUP], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    pk, editor_session, reviewer_session = int(out[-3]), out[-2], out[-1]
    url = "/articles/drafted/"
    with contextlib.ExitStack() as stack:
        port_a, port_b = (stack.enter_context(servers.gunicorn(env, args=ONE_SMALL_WORKER)) for _ in range(2))
        for port in (port_a, port_b, port_a, port_b):
            assert "Approved title" in fetch(port, url)[2]

        change = f"/admin/education/article/{pk}/change/"
        status, headers, _ = post_form(
            port_a,
            change,
            "article_form",
            {"title": "Draft title", "_save": "Save"},
            {"sessionid": editor_session},
        )
        assert status == 302
        draft_page = headers["Location"]
        for port in (port_a, port_b):
            status, _, page = fetch(port, url)
            assert status == 200 and "Approved title" in page and "Draft title" not in page

        reviewer = {"sessionid": reviewer_session}
        status, _, page = fetch(port_b, draft_page, cookies=reviewer)
        assert status == 200 and "Draft title" in page
        step = draft_page.replace("/change/", "/step/")
        version = re.search(r'name="version" value="(\d+)"', page).group(1)  # the version the page showed
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": CSRF_SECRET, "step": "approve", "go_live_at": "", "version": version}
        )
        assert fetch(port_b, step, "POST", body, reviewer | {"csrftoken": CSRF_SECRET})[0] == 302

        # The approving process shows it on its next request, the other within the freshness bound.
        for port in (port_b, port_a):
            served_within_bound(port, url, lambda status, page: status == 200 and "Draft title" in page)
        assert "Approved title" not in fetch(port_a, url)[2]
