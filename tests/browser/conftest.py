"""Real-browser tests: Python Playwright driving Debian's Chromium against a live server of the app.

One browser and one live server for the whole run, with the demo content loaded once. These
tests run after every other test (they keep that data in the test database until the end).

Without Chromium the tests are skipped and the summary says so plainly; with CI=true a missing
browser is a failure instead.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
ARTEFACTS = Path(settings.BASE_DIR) / "test-artefacts"
HERE = Path(__file__).parent
ADMIN_USERNAME = "browser-admin"
ADMIN_PASSWORD = "a long browser test password"

WIDTHS = [375, 1280]
# Every page type a patient or staff member meets. See reach() for how each is opened.
PAGE_TYPES = [
    "home",
    "topic",
    "article",
    "faq",
    "safety",
    "glossary",
    "glossary-letter",
    "prepare",
    "search",
    "selfcheck",
    "selfcheck-result",
    "404",
    "admin-login",
    "admin-change-form",
]
PUBLIC_PAGE_TYPES = [name for name in PAGE_TYPES if not name.startswith("admin")]


def missing_browser():
    """Why the browser tests cannot run here, or "" when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed"
    return ""


def pytest_collection_modifyitems(config, items):
    ours = [item for item in items if HERE in Path(item.path).parents]
    if not ours:
        return
    others = [item for item in items if HERE not in Path(item.path).parents]
    items[:] = others + ours  # last: the demo content they load stays in the database
    reason = missing_browser()
    for item in ours:
        item.add_marker(pytest.mark.browser)
        if reason and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def summarise(terminalreporter):
    """The browser tests' lines at the end of the run (called by tests/conftest.py, which the
    pytest-xdist controller loads: it never collects this folder itself)."""
    reason = missing_browser()
    if reason and not IN_CI:
        terminalreporter.write_sep("=", f"BROWSER TESTS SKIPPED: {reason}", yellow=True, bold=True)
    weights = [
        tuple(value)
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in report.user_properties
        if name == "page weight"
    ]
    if weights:
        lines = ["page type            width   requests   transferred bytes (first visit, uncompressed)"]
        lines += [
            f"{name:<20} {width:>5} {count:>10} {size:>12,}" for name, width, count, size in sorted(weights)
        ]
        terminalreporter.write_sep("-", "page weight")
        for line in lines:
            terminalreporter.write_line(line)
        ARTEFACTS.mkdir(exist_ok=True)
        (ARTEFACTS / "page-weight.txt").write_text("\n".join(lines) + "\n")


@dataclass
class Site:
    url: str
    paths: dict = field(default_factory=dict)

    @property
    def origin(self):
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database. pytest-django creates it only when a collected test asks for `db`, so
    when only browser tests run we create it here: they must never touch a real database."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        assert connection.settings_dict["NAME"] == connection.creation._get_test_db_name()
    yield
    if created:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(scope="session")
def site(test_database, django_db_blocker):
    """A live server of the app with the demo content and one staff account, for the whole run."""
    from django.contrib.auth.models import User
    from django.urls import reverse
    from pytest_django.live_server_helper import LiveServer

    from education.models import Article, GlossaryTerm, Topic
    from tests import demo_rows

    with django_db_blocker.unblock():
        _restore_what_migrations_made()
        demo_rows.load_demo_content()  # the command's rows (tests/demo_rows.py)
        User.objects.create_superuser(ADMIN_USERNAME, "browser-admin@example.org", ADMIN_PASSWORD)
        # The article with the most to show: key points, sources and a review line (demo articles
        # say they are not reviewed by the clinic's clinicians: the loader never stamps a review).
        article = Article.objects.published().exclude(key_points="").order_by("-word_count").first()
        assert article and article.references.exists(), "the demo content has no article with sources"
        paths = {
            "home": reverse("education:home"),
            "topic": article.topic.get_absolute_url(),
            "article": article.get_absolute_url(),
            "faq": reverse("education:faq"),
            "safety": reverse("education:safety"),
            "glossary": reverse("education:glossary"),
            "glossary-letter": GlossaryTerm.objects.first().get_absolute_url().split("#")[0],
            "prepare": reverse("education:prepare"),
            "404": "/this-page-does-not-exist/",
            "admin-login": reverse("admin:login"),
            "admin-change-form": reverse("admin:education_article_change", args=[article.pk]),
            "article-title": article.title,
            "topics": [topic.get_absolute_url() for topic in Topic.objects.all()],
        }
        paths["search"] = reverse("education:search") + "?q=ketamine"
        paths["selfcheck"] = reverse("education:selfcheck")
        _make_staff_for_roles()
        server = LiveServer("127.0.0.1")  # a free port
        # The server thread reads the database whenever the browser asks for a page.
        yield Site(url=server.url, paths=paths)
        server.stop()


# Staff of each role, for the admin pages as they see them (see test_admin_accessibility.py).
STAFF_ROLES = {"editor": "Editors", "reviewer": "Medical reviewers"}


def _restore_what_migrations_made():
    """Browser tests run last: a transactional test before them may have flushed the database without
    post_migrate (serialized_rollback), taking the content types the demo records point at with it."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.sql import emit_post_migrate_signal

    ContentType.objects.clear_cache()  # ids cached before the flush are gone
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # content types, permissions
    call_command("sync_groups", verbosity=0)


def _make_staff_for_roles():
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from education.models import MedicalReviewer

    # Transactional tests that ran before may have flushed the groups the migrations made.
    call_command("sync_groups", verbosity=0)
    for role, group in STAFF_ROLES.items():
        user = User.objects.create_user(f"crawl-{role}", password=ADMIN_PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        if role == "reviewer":
            MedicalReviewer.objects.create(user=user, name="Dr. Crawl Test", credentials="MD")


def sign_in(chromium, site, username):
    """Signed-in cookies for the admin, made through the real sign-in form."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site.url + site.paths["admin-login"])
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("form [type=submit]").click()
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"signing in to the admin as {username} failed"
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="session")
def chromium(site):
    reason = missing_browser()
    if reason:
        pytest.fail(
            f"CI=true and {reason}: the browser tests must run in CI (.ci/run installs Chromium)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def admin_session(chromium, site):
    return sign_in(chromium, site, ADMIN_USERNAME)


class Visitor:
    """Opens pages in a fresh browser context and records every request the pages make."""

    def __init__(self, browser, site, admin_session):
        self.browser = browser
        self.site = site
        self.admin_session = admin_session
        self.contexts = []
        self.requests = []
        self.foreign = []
        self.console_errors = []

    def new_page(self, width=1280, height=900, admin=False, session=None):
        context = self.browser.new_context(
            viewport={"width": width, "height": height},
            storage_state=session or (self.admin_session if admin else None),
        )
        self.contexts.append(context)
        context.route("**/*", self._route)
        page = context.new_page()
        page.on("console", self._console)
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        return page

    def _console(self, message):
        # A failed load is reported by _response, which knows whether it was the page itself.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.console_errors.append(f"HTTP {response.status} for {response.url}")

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.site.origin + "/"):
            route.continue_()
        else:
            self.foreign.append(url)  # never let it leave the machine
            route.abort()

    def reach(self, page, page_type):
        """Open one page type the way a visitor would; returns the HTTP status."""
        path = self.site.paths["selfcheck" if page_type == "selfcheck-result" else page_type]
        response = page.goto(self.site.url + path)
        if page_type == "selfcheck-result":
            form = page.locator("#selfcheck-form")
            for group in form.locator("fieldset").all():
                group.locator("input[type=radio]").last.check()  # "No" to every question
            with page.expect_navigation() as navigation:
                form.locator("[type=submit]").click()
            response = navigation.value
        return response.status

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def visitor(chromium, site, admin_session):
    """Each test's browser contexts. Fails the test on any request to another site or console error."""
    visitor = Visitor(chromium, site, admin_session)
    yield visitor
    visitor.close()
    assert not visitor.foreign, f"requests left the site's own origin: {visitor.foreign}"
    assert not visitor.console_errors, f"errors in the browser console: {visitor.console_errors}"


def open_page_type(visitor, page_type, width):
    page = visitor.new_page(width=width, admin=page_type == "admin-change-form")
    status = visitor.reach(page, page_type)
    assert status == (404 if page_type == "404" else 200), f"{page_type}: HTTP {status}"
    return page


def horizontal_overflow(page):
    """How far the page is wider than the window, and the elements sticking out."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const extra = document.documentElement.scrollWidth - width;
          const culprits = extra <= 0 ? [] : [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
          return {extra, culprits};
        }"""
    )


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
