"""Shared test data: small factories for content and staff users of each role."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from education.editorial.permissions import EDITORS, MEDICAL_REVIEWERS
from education.models import (
    FAQ,
    Article,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyItem,
    SelfCheckQuestion,
    Status,
    Topic,
)
from education.text.markdown import render_markdown
from tests import demo_rows

_seq = itertools.count(1)


def pytest_configure(config):
    """Uploads in tests go to a temporary folder, served by the app (like `make run`), never into
    the project's own media/ folder (one per process, so pytest-xdist workers never share one)."""
    import tempfile

    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="clinic-portal-test-media-")
    settings.SERVE_MEDIA = True
    # Django's advice for test speed: a fast hasher. Every staff fixture sets a password, and the
    # production hasher spends about half a second of CPU on each; no test is about the hash itself.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _from_markdown(values, field):
    """Tests write texts as Markdown for brevity; staff write HTML in the editor, which is stored."""
    values[field] = render_markdown(values[field])
    return values


@pytest.fixture(
    params=[
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.ARCHIVED},
        {"publish_at": timezone.now() + datetime.timedelta(days=1)},
        {"unpublish_at": timezone.now() - datetime.timedelta(days=1)},
    ],
    ids=["draft", "in-review", "archived", "scheduled", "expired"],
)
def unpublished(request):
    """Fields that keep an item from patients: each way in which it is not published now."""
    return request.param


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reviewer(db):
    return MedicalReviewer.objects.create(name="Dr. Test Reviewer", credentials="MD, psychiatrist")


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Chronic pain", slug="chronic-pain", summary="Pain that lasts.", order=1)


@pytest.fixture
def make_article(db, topic, reviewer):
    def make(**fields):
        n = next(_seq)
        values = {
            "title": f"Article {n}",
            "slug": f"article-{n}",
            "topic": topic,
            "summary": "A short summary.",
            "key_points": "First point\nSecond point\nThird point",
            "body": "## What it is\n\nYou can read this. It is short.",
            "status": Status.PUBLISHED,
            "reviewer": reviewer,
            "last_reviewed": timezone.localdate(),
        }
        values.update(fields)
        _from_markdown(values, "body")
        references = values.pop(
            "references", [{"title": "A source", "publisher": "A publisher", "year": 2020}]
        )
        article = Article.objects.create(**values)
        for ref in references:
            Reference.objects.create(article=article, **ref)
        return article

    return make


@pytest.fixture
def make_faq(db):
    def make(**fields):
        n = next(_seq)
        category = (
            fields.pop("category", None)
            or FAQCategory.objects.get_or_create(
                slug="before-your-first-visit", defaults={"name": "Before your first visit", "order": 1}
            )[0]
        )
        values = {
            "question": f"Question {n}?",
            "slug": f"question-{n}",
            "answer": "An answer.",
            "status": Status.PUBLISHED,
        }
        values.update(fields)
        return FAQ.objects.create(category=category, **_from_markdown(values, "answer"))

    return make


@pytest.fixture
def make_safety_item(db):
    def make(**fields):
        n = next(_seq)
        values = {
            "title": f"Safety item {n}",
            "slug": f"safety-item-{n}",
            "why": "Why it matters.",
            "guidance": "Tell your clinician.",
            "status": Status.PUBLISHED,
        }
        values.update(fields)
        return SafetyItem.objects.create(**_from_markdown(values, "guidance"))

    return make


@pytest.fixture
def make_term(db):
    def make(**fields):
        n = next(_seq)
        values = {"term": f"Term {n}", "slug": f"term-{n}", "definition": "A plain definition."}
        values.update(fields)
        return GlossaryTerm.objects.create(**values)

    return make


@pytest.fixture
def make_question(db):
    def make(**fields):
        n = next(_seq)
        values = {
            "slug": f"question-{n}",
            "text": f"Do you have condition {n}?",
            "guidance": f"Tell your clinician about condition {n}.",
            "level": SelfCheckQuestion.Level.TELL,
            "order": n,
        }
        values.update(fields)
        return SelfCheckQuestion.objects.create(**values)

    return make


def _staff(username, group_name=None, **extra):
    user = User.objects.create_user(
        username=username, password="correct horse battery staple", is_staff=True, **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def superuser(db):
    return _staff("admin", is_superuser=True)


@pytest.fixture
def editor(db):
    return _staff("editor", EDITORS)


@pytest.fixture
def medical_reviewer_user(db):
    user = _staff("clinician", MEDICAL_REVIEWERS)
    MedicalReviewer.objects.create(user=user, name="Dr. Clinician", credentials="MD, psychiatrist")
    return user


@pytest.fixture
def demo_content(db):
    """The database `load_demo_content` makes (run once per process, then re-used: tests/demo_rows.py)."""
    demo_rows.load_demo_content()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded images go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def image_factory(db, media_root):
    """A library image made through the real upload path (checks, re-encoding, renditions)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from education.content.images import check_and_clean, store
    from education.models import Image

    def make(width=1200, height=800, colour=(40, 120, 160), fmt="PNG", **fields):
        buffer = io.BytesIO()
        PILImage.new("RGB", (width, height), colour).save(buffer, fmt)
        upload = SimpleUploadedFile(f"picture.{fmt.lower()}", buffer.getvalue())
        values = {"alt_text": "A test picture", **fields}
        return Image.objects.create(**values, **store(check_and_clean(upload)))

    return make


def pytest_terminal_summary(terminalreporter, config):
    """Say how much hostile input ran, and from where (see tests/test_hostile_input.py), and what the
    browser tests measured. Under pytest-xdist this runs in the controller, which collects no test
    itself: it reads what ran from the reports."""
    ran = {
        report.nodeid.split("::")[0]
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "nodeid", "")
    }
    if "tests/test_hostile_input.py" in ran:
        from tests import test_hostile_input

        terminalreporter.write_line(test_hostile_input.CORPUS_SUMMARY)
    if any(path.startswith("tests/browser/") for path in ran):
        from tests.browser.conftest import summarise

        summarise(terminalreporter)
