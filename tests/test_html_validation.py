"""Every public page type, and every admin page a superuser reaches, is valid HTML to the Nu Html Checker.

The test client renders the pages from the demo content (tests/public_pages.py, and a crawl of the
admin from its home page, one page of each shape) and vnu, the checker behind
validator.w3.org/nu, checks them all in one run. Any error fails the test, except the few that
Django itself writes on its own admin pages, each named below with the reason.

`.ci/run` installs the checker (vnu-jar from npm, pinned) and Debian's Java. Without them the test
is skipped with the reason, and with CI=true it fails instead. Run it alone with
`pytest -m html_validation`.
"""

import html
import json
import os
import re
import shutil
import subprocess
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin

from tests.admin_crawl import SKIP, shape
from tests.public_pages import public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.html_validation]

# The one place the test looks for the checker: where .ci/run's `npm install --prefix .cache/vnu` puts it.
VNU_JAR = Path(settings.BASE_DIR) / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

ADMIN = f"/{settings.ADMIN_URL}/"
MAX_PAGES = 250  # a bound on the crawl (the test says if it stopped there)
HREF = re.compile(r'href="([^"]+)"')

# Errors in markup Django writes on its own admin pages, never on ours: (page, message, why).
DJANGO_ADMIN_ERRORS = [
    (
        r"/auth/user/\d+/change/",
        r"Attribute “disabled” not allowed on element “div”",
        "Django's read-only password widget (auth/widgets/read_only_password_hash.html)",
    ),
    (
        r"/otp_totp/totpdevice/add/",
        r"“input” element with a “type” attribute whose value is “hidden” must not have any “aria-\*”",
        "Django's forms put aria-describedby on the hidden initial value of django-otp's key field",
    ),
]


def missing_checker():
    """Why the checker cannot run here, or "" when it can."""
    if not shutil.which("java"):
        return "java not found (Debian: apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR} not found (.ci/run installs it: npm install --prefix .cache/vnu vnu-jar)"
    return ""


def admin_pages(client):
    """{address: response} for one admin page of each shape reachable from the admin home."""
    queue, seen, pages = deque([ADMIN]), set(), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if shape(url) in seen:
            continue
        seen.add(shape(url))
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response
        for href in HREF.findall(response.content.decode()):
            href = urldefrag(html.unescape(href))[0]
            if href.startswith("?"):
                href = urlsplit(url).path + href
            if href.startswith(ADMIN) and not SKIP.search(urlsplit(href).path) and shape(href) not in seen:
                queue.append(href)
    left = {shape(url) for url in queue} - seen
    assert not left, f"the crawl stopped at MAX_PAGES={MAX_PAGES}; {len(left)} kinds of page unseen"
    lists = {f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/" for model in admin.site._registry}
    assert lists <= set(pages), f"admin lists the crawl never reached: {sorted(lists - set(pages))}"
    return pages


def vnu(paths):
    """vnu's error messages for these files, checked in one run (Java starts once)."""
    options = ["--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"vnu failed: {result.stderr[-2000:]}"
    return json.loads(result.stdout)["messages"]


def djangos_own(page, message):
    return any(re.search(where, page) and re.search(what, message) for where, what, _ in DJANGO_ADMIN_ERRORS)


@pytest.fixture
def checker():
    """First, before the demo content loads: skipped without the checker, failed in CI."""
    reason = missing_checker()
    if reason:
        (pytest.fail if IN_CI else pytest.skip)(f"HTML validation: {reason}")


def test_every_public_page_and_admin_page_is_valid_html(checker, client, demo_content, superuser, tmp_path):
    pages = {f"public page {name}": response for name, response in public_pages(client).items()}
    client.force_login(superuser)
    pages |= admin_pages(client)
    files = {}  # file name: the page it holds
    for number, (page, response) in enumerate(pages.items()):
        (tmp_path / f"{number}.html").write_bytes(response.content)
        files[f"{number}.html"] = page
    errors = []
    for message in vnu(tmp_path / name for name in files):
        page = files[message["url"].rsplit("/", 1)[-1]]
        if not djangos_own(page, message["message"]):
            errors.append(f"{page}, line {message.get('lastLine')}: {message['message']}")
            errors.append(f"    {message.get('extract', '').strip()}")
    assert not errors, f"HTML errors on {len(pages)} pages checked:\n" + "\n".join(errors)
