"""The printable tools, the shared "Important safety information" block and the "details checked" line."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from education import demo_content
from education.models import Article, Image, SafetyInformation
from education.text.markdown import render_markdown
from education.text.richtext import render_rich_html
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

TOOLS = {"/tools/my-medicines/": "My medicines list", "/tools/diary/": "Mood and pain diary"}


@pytest.fixture
def demo(demo_content):
    """The demo content (tests/conftest.py)."""


@pytest.mark.parametrize("path,title", TOOLS.items())
def test_each_tool_is_a_public_page_with_a_form_to_fill_in_by_hand(client, demo, path, title):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    assert "css/tools.css" in page  # the one-sheet print layout
    assert page.count("<tr>") >= 11  # a header row and at least 10 rows to write in
    assert "988" in page and "911" in page


def test_the_diary_has_one_row_for_each_of_14_days(client, demo):
    page = client.get("/tools/diary/").content.decode()
    assert re.findall(r'<th scope="row">(\d+)</th>', page) == [str(n) for n in range(1, 15)]


@pytest.mark.parametrize("path", TOOLS)
def test_the_articles_that_ask_for_a_tool_link_to_it(client, demo, path):
    asking = [a["slug"] for a in demo_content.ARTICLES if f"]({path})" in a["body"]]
    assert len(asking) >= 3, path
    for slug in asking:
        assert f'href="{path}"' in client.get(f"/articles/{slug}/").content.decode(), slug


def test_the_demo_block_names_only_articles_that_exist():
    slugs = {a["slug"] for a in demo_content.ARTICLES}
    for block in demo_content.SAFETY_INFORMATION:
        assert set(block["articles"]) <= slugs


def test_the_safety_information_block_is_shown_on_every_page_it_belongs_to(client, demo):
    block = SafetyInformation.objects.get()
    assert block.body.startswith("<p>Esketamine carries")  # the demo file's Markdown, loaded as HTML
    assert block.articles.count() >= 8
    for article in block.articles.all():
        page = client.get(article.get_absolute_url()).content.decode()
        assert block.title in page and "boxed warnings" in page, article.slug
    for path in ("/safety/", "/prepare/"):
        assert block.title in client.get(path).content.decode(), path
    other = Article.objects.exclude(pk__in=block.articles.all()).first()
    assert block.title not in client.get(other.get_absolute_url()).content.decode()


def test_staff_edit_the_block_once_and_every_page_changes(client, demo):
    from django.core.cache import cache

    block = SafetyInformation.objects.get()
    block.body = "<p>A <strong>single</strong> edit by staff.</p>"  # the editor's HTML
    block.save()
    cache.clear()  # the page cache is invalidated by the cache module on content saves; not tested here
    pages = [a.get_absolute_url() for a in block.articles.all()] + ["/safety/", "/prepare/"]
    for path in pages:
        assert "A <strong>single</strong> edit by staff." in client.get(path).content.decode(), path
    block.active = False
    block.save()
    cache.clear()
    for path in pages:
        assert block.title not in client.get(path).content.decode(), path


def test_price_pages_say_when_their_details_were_checked(client, demo):
    from django.core.cache import cache

    article = Article.objects.get(slug="paying-for-treatment")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "have not been checked by the clinic yet" in page  # the demo never claims a check
    article.details_checked_on = datetime.date(2026, 11, 3)
    article.save()
    cache.clear()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Price and programme details last checked on" in page and "November 3, 2026" in page
    other = client.get("/articles/side-effects-and-safety/").content.decode()
    assert "details last checked" not in other and "have not been checked by the clinic" not in other


def test_cost_faqs_say_when_their_details_were_checked_on_both_faq_pages(client, demo):
    from django.core.cache import cache

    from education.models import FAQ

    faq = FAQ.objects.get(slug="how-much-does-it-cost")
    category_page = reverse("education:faq_category", args=[faq.category.slug])
    for path in (faq.get_absolute_url(), category_page):
        assert (
            "Price and programme details in this answer have not been checked"
            in client.get(path).content.decode()
        )
    faq.details_checked_on = datetime.date(2026, 11, 3)
    faq.save()
    cache.clear()
    for path in (faq.get_absolute_url(), category_page):
        assert "Price and programme details last checked on" in client.get(path).content.decode()
    other = FAQ.objects.get(slug="can-i-drive-after-treatment")
    assert "details last checked" not in client.get(other.get_absolute_url()).content.decode()


def test_staff_set_the_checked_on_date_in_the_admin_and_a_future_date_is_refused(client, superuser, make_faq):
    from education.models import FAQ, Status
    from tests.admin_forms import edit_in_admin

    client.force_login(superuser)
    faq = make_faq(question="What does a session cost?", status=Status.DRAFT)
    response = edit_in_admin(client, faq, shows_details_checked_on="on", details_checked_on="2999-01-01")
    assert response.status_code == 200
    assert "This date is in the future" in response.content.decode()
    faq.refresh_from_db()
    assert not faq.shows_details_checked_on and faq.details_checked_on is None  # nothing half-saved
    response = edit_in_admin(client, faq, shows_details_checked_on="on", details_checked_on="2026-11-03")
    assert response.status_code == 302
    faq = FAQ.objects.get(pk=faq.pk)
    assert faq.shows_details_checked_on and faq.details_checked_on == datetime.date(2026, 11, 3)


def test_an_editors_new_checked_on_date_on_a_live_answer_waits_for_medical_review(
    client, editor, medical_reviewer_user, reviewer, make_faq
):
    """Patients see the date a clinician approved, like every other change to a live answer."""
    from django.utils import timezone

    from education.models import Draft
    from tests.admin_forms import draft_step, edit_in_admin

    faq = make_faq(question="What does a session cost?", reviewer=reviewer, shows_details_checked_on=True)
    checked = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(editor)
    assert edit_in_admin(client, faq, details_checked_on=checked.isoformat()).status_code == 302
    draft = Draft.objects.open().get()
    draft_page = client.get(reverse("admin:education_draft_change", args=[draft.pk])).content.decode()
    assert '<th scope="row">Price and programme details last checked on</th>' in draft_page  # the diff
    client.logout()
    page = client.get(faq.get_absolute_url()).content.decode()
    assert "have not been checked by the clinic yet" in page and "last checked on" not in page

    client.force_login(medical_reviewer_user)
    assert draft_step(client, draft, "approve").status_code == 302
    client.logout()
    page = client.get(faq.get_absolute_url()).content.decode()  # on the very next request
    assert f'Price and programme details last checked on <time datetime="{checked.isoformat()}">' in page


def test_hostile_html_posted_straight_to_the_blocks_admin_form_is_stored_clean(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:education_safetyinformation_add")
    data = form_data(client.get(url)) | {
        "title": "Important safety information about driving",
        "slug": "driving",
        "body": '<h1 onclick="x()">Driving</h1><p style="color:red">Wait <a href="javascript:alert(1)">x</a>'
        '<img src="https://evil.example/x.png" alt="x"></p><svg><script>alert(1)</script></svg>'
        '<p><a href="https://www.fda.gov/">Label</a></p>',
        "active": "on",
        "articles": [],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    block = SafetyInformation.objects.get(slug="driving")
    assert (
        block.body
        == '<h2>Driving</h2>\n<p>Wait <a>x</a></p>\n<p><a href="https://www.fda.gov/">Label</a></p>'
    )
    assert block.body_html == render_rich_html(block.body, Image.objects.in_bulk)
    assert 'rel="noopener noreferrer"' in block.body_html
    for gone in ("script", "evil", "onclick", "style", "javascript", "svg"):
        assert gone not in block.body_html and gone not in block.body, gone


MARKDOWN = (
    "# Boxed warnings\n\nEsketamine carries **strong** warnings, *read them*.\n\n"
    "- **Sleepiness.** Staff watch you.\n"
    "- See [the label](https://www.fda.gov/) or [x](javascript:alert(1)).\n\n"
    "##### Small heading\n\n> Quoted & <script>alert(1)</script>\n\n![outside](https://evil.example/x.png)\n"
)


def test_the_migration_turns_the_blocks_markdown_into_the_html_the_old_save_rendered():
    migration = importlib.import_module("education.migrations.0018_safety_information_html")
    for markdown in [MARKDOWN, *(block["body"] for block in demo_content.SAFETY_INFORMATION)]:
        stored, public = migration.convert(markdown)
        assert stored == render_markdown(markdown)  # what SafetyInformation.save() stored before
        assert public == render_rich_html(stored, Image.objects.in_bulk)  # what save() derives from it now

    block = SafetyInformation.objects.create(slug="esketamine", body="<p>Placeholder.</p>")
    # The rows as they were before the migration: Markdown in the live row and its history.
    SafetyInformation.objects.filter(pk=block.pk).update(body=MARKDOWN, body_html="old")
    block.history.update(body=MARKDOWN, body_html="old")
    migration.markdown_to_html(apps, None)
    block.refresh_from_db()
    assert block.body == render_markdown(MARKDOWN) and block.body.startswith("<h2>Boxed warnings</h2>")
    assert block.body_html == render_rich_html(block.body, Image.objects.in_bulk)
    assert [(h.body, h.body_html) for h in block.history.all()] == [(block.body, block.body_html)]
    migration.markdown_to_html(apps, None)  # run again (after a reverse): the HTML is left alone
    block.refresh_from_db()
    assert block.body == render_markdown(MARKDOWN)
