"""The printable tools, the shared "Important safety information" block and the "details checked" line."""

import datetime
import re

import pytest
from django.core.management import call_command

from education import demo_content
from education.models import Article, SafetyInformation

pytestmark = pytest.mark.django_db

TOOLS = {"/tools/my-medicines/": "My medicines list", "/tools/diary/": "Mood and pain diary"}


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


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
    block.body = "A **single** edit by staff."
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
