"""The FAQ: an overview with a few questions per category, a paginated page per category, one per question."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from education.content.views import FAQ_PREVIEW, FAQS_PER_PAGE
from education.models import FAQ, FAQCategory, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    return FAQCategory.objects.create(name="Treatment day", slug="treatment-day", order=2)


def question_url(item):
    return f"/faq/{item.category.slug}/{item.slug}/"


def questions_on(page):
    return re.findall(r"<summary>(.*?)</summary>", page)


def json_ld_questions(page):
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(data)
    assert data["@type"] == "FAQPage"
    return [item["name"] for item in data["mainEntity"]]


def make_many(make_faq, category, count, **fields):
    return [make_faq(category=category, question=f"Step {n:03d}?", order=n, **fields) for n in range(count)]


# The overview


def test_overview_shows_every_question_and_no_more_link_when_a_category_is_small(client, make_faq, category):
    make_many(make_faq, category, FAQ_PREVIEW)
    page = client.get("/faq/").content.decode()
    assert questions_on(page) == [f"Step {n:03d}?" for n in range(FAQ_PREVIEW)]
    assert 'href="/faq/treatment-day/"' not in page and 'class="faq-more"' not in page


def test_overview_shows_a_preview_and_links_to_all_questions_of_a_big_category(client, make_faq, category):
    make_many(make_faq, category, FAQ_PREVIEW + 5)
    make_faq(category=category, question="Hidden draft?", status=Status.DRAFT)
    small = make_faq(question="What should I bring?")  # another category, under the preview size
    page = client.get("/faq/").content.decode()
    shown = questions_on(page)
    assert [q for q in shown if q.startswith("Step")] == [f"Step {n:03d}?" for n in range(FAQ_PREVIEW)]
    assert small.question in shown and "Hidden draft?" not in page
    expected = f'<a href="/faq/treatment-day/">All {FAQ_PREVIEW + 5} questions about Treatment day</a>'
    assert expected in page
    assert page.count('class="faq-more"') == 1  # not for the small category
    assert json_ld_questions(page) == shown


def test_overview_hides_categories_without_published_questions(client, make_faq, category):
    make_faq(category=category, question="Draft only?", status=Status.DRAFT)
    make_faq(question="Visible?")
    page = client.get("/faq/").content.decode()
    assert "Treatment day" not in page and "Visible?" in page


def test_overview_links_each_question_to_its_own_page(client, make_faq):
    item = make_faq(question="What should I bring?", slug="what-to-bring")
    page = client.get("/faq/").content.decode()
    assert '<a href="/faq/before-your-first-visit/what-to-bring/">Link to this question</a>' in page
    assert 'href="#what-to-bring"' not in page
    assert f'<details id="{item.slug}"' in page  # old /faq/#slug links still open the question


def test_overview_with_the_demo_content_has_no_more_links(client, demo_content):
    page = client.get("/faq/").content.decode()
    assert len(questions_on(page)) == FAQ.objects.published().count()
    assert 'class="faq-more"' not in page


# A category page


def test_category_page_lists_its_published_questions_with_a_way_back(client, make_faq, category):
    make_faq(category=category, question="How long is a visit?")
    make_faq(category=category, question="Draft question?", status=Status.DRAFT)
    make_faq(question="Other category question?")
    response = client.get("/faq/treatment-day/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Treatment day</h1>" in page and page.count("<h1") == 1
    assert questions_on(page) == ["How long is a visit?"]
    assert 'href="/faq/">Questions about your visit</a>' in page  # breadcrumb
    assert 'href="/faq/">Back to all questions</a>' in page
    assert json_ld_questions(page) == ["How long is a visit?"]


def test_category_page_paginates_and_survives_bad_page_numbers(client, make_faq, category):
    make_many(make_faq, category, FAQS_PER_PAGE + 3)
    first = client.get("/faq/treatment-day/").content.decode()
    assert "Page 1 of 2" in first and questions_on(first) == [f"Step {n:03d}?" for n in range(FAQS_PER_PAGE)]
    assert 'href="?page=2"' in first
    second = client.get("/faq/treatment-day/", {"page": 2}).content.decode()
    assert questions_on(second) == [f"Step {n:03d}?" for n in range(FAQS_PER_PAGE, FAQS_PER_PAGE + 3)]
    assert json_ld_questions(second) == questions_on(second)
    for bad in ["abc", "-1", "0", "99999", "1.5", "%00", "\x00", "9" * 400]:
        # Redirected to the page meant (the last one for a number past the end), never a 500.
        response = client.get("/faq/treatment-day/", {"page": bad}, follow=True)
        assert response.status_code == 200, bad
        assert response.redirect_chain[0][1] == 302
        assert "Step" in response.content.decode()


@pytest.mark.parametrize("path", ["/faq/no-such-category/", "/faq/treatment-day/", "/faq/%00/"])
def test_unknown_or_empty_category_is_not_found(client, make_faq, category, path):
    make_faq(category=category, question="Only a draft?", status=Status.DRAFT)
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert "Only a draft?" not in response.content.decode()


# A question page


def test_question_page_shows_the_question_answer_and_links_back(client, make_faq, category):
    item = make_faq(category=category, question="Can I drive home?", answer="No. **Someone must drive you.**")
    response = client.get(question_url(item))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Can I drive home?</h1>" in page and page.count("<h1") == 1
    assert "<strong>Someone must drive you.</strong>" in page
    assert '<a href="/faq/treatment-day/">More questions about Treatment day</a>' in page
    assert '<a href="/faq/">Back to all questions</a>' in page
    assert json_ld_questions(page) == ["Can I drive home?"]


def test_unpublished_questions_are_not_found(client, make_faq, unpublished):
    item = make_faq(question="Not for patients yet?", **unpublished)
    for path in (question_url(item), f"/faq/another-category/{item.slug}/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Not for patients yet?" not in response.content.decode()


def test_a_wrong_category_part_redirects_to_the_question(client, make_faq, category):
    item = make_faq(category=category, slug="can-i-drive")
    for path in (
        "/faq/before-your-first-visit/can-i-drive/",
        "/faq/nope/can-i-drive/",
    ):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == "/faq/treatment-day/can-i-drive/"
    assert client.get("/faq/treatment-day/no-such-question/").status_code == 404
    assert client.get(question_url(item)).status_code == 200


def test_search_results_link_to_the_question_page(client, make_faq, category):
    item = make_faq(category=category, question="Can I drive after the nasal spray?", slug="drive-after")
    page = client.get("/search/", {"q": "nasal spray"}).content.decode()
    assert f'href="{question_url(item)}"' in page and "/faq/#" not in page
    assert "<h1>Can I drive after the nasal spray?</h1>" in client.get(question_url(item)).content.decode()


# Cost and caching


def grow(count, categories=6):
    """``count`` published FAQs spread over ``categories`` categories (made in bulk: this is about cost)."""
    cats = [
        FAQCategory.objects.get_or_create(slug=f"cat-{n}", defaults={"name": f"Category {n}", "order": n})[0]
        for n in range(categories)
    ]
    start = FAQ.objects.count()
    FAQ.objects.bulk_create(
        FAQ(category=cats[n % categories], question=f"Question {n}?", slug=f"q-{n}", answer="Yes.",
            answer_html="<p>Yes.</p>", status=Status.PUBLISHED, order=n)
        for n in range(start, count)
    )  # fmt: skip


def rendered(client, url):
    cache.clear()  # measure the rendering, not the cached copy
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


FAQ_PAGES = ["/faq/", "/faq/cat-0/", "/faq/cat-0/?page=2", "/faq/cat-0/q-0/", "/faq/cat-5/q-5/"]


def test_faq_pages_cost_the_same_with_160_or_500_questions(client):
    grow(160)  # enough for a second page in each category: a page past the end is a redirect
    small = {url: rendered(client, url) for url in FAQ_PAGES}
    grow(500)
    large = {url: rendered(client, url) for url in FAQ_PAGES}
    assert {url: n for url, (n, _) in large.items()} == {url: n for url, (n, _) in small.items()}
    # The overview's size is bounded by categories x preview size, not by the number of questions.
    overview = large["/faq/"][1]
    assert len(questions_on(overview)) == 6 * FAQ_PREVIEW
    assert overview.count('class="faq-more"') == 6
    assert len(questions_on(large["/faq/cat-0/"][1])) == FAQS_PER_PAGE


@pytest.mark.parametrize("path", ["/faq/treatment-day/", "/faq/treatment-day/can-i-drive/"])
def test_faq_pages_are_cached_for_anonymous_visitors(
    client, make_faq, category, django_assert_num_queries, path
):
    make_faq(category=category, slug="can-i-drive")
    first = client.get(path)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Cache"] == "hit" and second.content == first.content
    assert "cookie" not in second.get("Vary", "").lower() and not second.cookies


def test_an_faq_edit_shows_at_once_on_every_faq_page(client, make_faq, category):
    item = make_faq(category=category, question="Old wording?", slug="can-i-drive")
    pages = ["/faq/", "/faq/treatment-day/", "/faq/treatment-day/can-i-drive/"]
    for path in pages:
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"
    item.question = "New wording?"
    item.save()
    for path in pages:
        page = client.get(path).content.decode()
        assert "New wording?" in page and "Old wording?" not in page, path
    item.status = Status.ARCHIVED
    item.save()
    assert client.get("/faq/treatment-day/can-i-drive/").status_code == 404
    assert client.get("/faq/treatment-day/").status_code == 404
