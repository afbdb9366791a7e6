"""Each public page costs the same number of SQL queries with 30 articles or with 500."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from education.models import FAQ, Article, FAQCategory, GlossaryTerm, Reference, SafetyItem, Status

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/topics/chronic-pain/",
    "/topics/chronic-pain/?page=2",
    "/articles/article-0/",
    "/faq/",
    "/faq/before-your-first-visit/",
    "/faq/before-your-first-visit/?page=2",
    "/faq/before-your-first-visit/faq-0/",
    "/safety/",
    "/glossary/",  # one page up to 30 terms, the letters at 500
    "/glossary/k/",
    "/prepare/",
    "/search/?q=ketamine",
    "/search/?q=ketamine&page=2",
]


def grow_content(topic, reviewer, until):
    """Published articles (featured, with references and related articles), FAQs, safety items, terms."""
    start = Article.objects.count()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Ketamine article {n}",
            slug=f"article-{n}",
            topic=topic,
            summary="About ketamine.",
            key_points="One\nTwo",
            body="Ketamine body text.",
            body_html="<p>Ketamine body text.</p>",
            word_count=3,
            status=Status.PUBLISHED,
            reviewer=reviewer,
            featured=n % 3 == 0,
        )
        for n in range(start, until)
    )
    Reference.objects.bulk_create(Reference(article=a, title="Source", publisher="Journal") for a in articles)
    first = Article.objects.get(slug="article-0")
    first.related.add(*articles[1:6])
    category, _ = FAQCategory.objects.get_or_create(
        slug="before-your-first-visit", defaults={"name": "Before"}
    )
    FAQ.objects.bulk_create(
        FAQ(category=category, question=f"Ketamine question {n}?", slug=f"faq-{n}", answer="Yes.",
            answer_html="<p>Yes.</p>", status=Status.PUBLISHED)
        for n in range(start, until)
    )  # fmt: skip
    SafetyItem.objects.bulk_create(
        SafetyItem(
            title=f"Item {n}", slug=f"item-{n}", why="Why.", guidance="Tell us.", status=Status.PUBLISHED
        )
        for n in range(start, until)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(term=f"Ketamine term {n}", slug=f"term-{n}", definition="Means.")
        for n in range(start, until)
    )


def queries_for(client, url):
    cache.clear()  # measure the rendering, not the cached copy
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_public_pages_run_a_fixed_number_of_queries_whatever_the_amount_of_content(client, topic, reviewer):
    grow_content(topic, reviewer, until=30)  # two pages of each list: a page past the end is a redirect
    small = {url: queries_for(client, url) for url in PAGES}
    grow_content(topic, reviewer, until=500)
    large = {url: queries_for(client, url) for url in PAGES}
    assert large == small, (small, large)


def test_a_cached_page_runs_no_queries_at_all(client, topic, reviewer, django_assert_num_queries, settings):
    # Within the freshness bound the content version is not re-read; a long bound keeps a slow,
    # busy machine from crossing it between the two requests.
    settings.CONTENT_FRESHNESS_SECONDS = 60
    grow_content(topic, reviewer, until=500)
    for url in PAGES[:-2]:
        client.get(url)
        with django_assert_num_queries(0):
            client.get(url)
