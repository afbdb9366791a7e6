"""Costs that do not grow with the content (issue 33), at a size the suite can afford: a few
thousand rows made in bulk. How fast it is lives in `make bench-scale`, not here."""

import re

import pytest
from django.db import connection
from django.utils import timezone

from education.models import FAQ, Article, GlossaryTerm, SafetyItem, Status
from education.search import query
from education.site.cache import version_query
from tests.test_query_counts import PAGES, grow_content, queries_for

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def analyze():
    """Statistics as a running database has them after a bulk load (autovacuum, ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_public_pages_cost_the_same_at_a_few_thousand_items_and_the_content_version_uses_indexes(
    client, topic, reviewer
):
    grow_content(topic, reviewer, until=30)
    small = {url: queries_for(client, url) for url in PAGES}
    grow_content(topic, reviewer, until=2000)  # "ketamine" now matches more than search ranks
    analyze()
    large = {url: queries_for(client, url) for url in PAGES}
    assert large == small, (small, large)
    # Every cache miss reads the content version and the next scheduled change: index probes only.
    plan = version_query(timezone.now()).explain()
    for prefix in ("article", "faq", "safetyitem"):
        for field in ("publish_at", "unpublish_at"):
            assert f"{prefix}_{field}_idx" in plan, plan
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan, plan
    else:  # EXPLAIN QUERY PLAN: every content table searched through an index, none scanned
        assert not re.search(r"\bSCAN\b", plan), plan
    # The home page's featured articles: a partial index, not every published article.
    featured = Article.objects.published().filter(featured=True).select_related("topic")[:6]
    assert "article_featured_idx" in featured.explain()
    # Every rendered page asks whether any demo content is left: with none left, an empty index.
    for model, prefix in [
        (Article, "article"),
        (FAQ, "faq"),
        (SafetyItem, "safetyitem"),
        (GlossaryTerm, "glossaryterm"),
    ]:
        plan = model.objects.filter(is_demo=True).order_by().values("pk")[:1].explain()  # as exists()
        assert f"{prefix}_demo_idx" in plan, plan


def bulk_articles(topic, reviewer, titles_and_bodies):
    Article.objects.bulk_create(
        Article(
            title=title,
            slug=f"bulk-{n}",
            topic=topic,
            summary="A summary.",
            key_points="One\nTwo",
            body=body,
            body_html=f"<p>{body}</p>",
            body_text=body,
            status=Status.PUBLISHED,
            reviewer=reviewer,
        )
        for n, (title, body) in enumerate(titles_and_bodies)
    )


def result_titles(response):
    page = response.content.decode()
    found = re.findall(r'<li class="search-result">\s*<h2><a [^>]*>(.*?)</a>', page)
    return [re.sub(r"<[^>]+>", "", t) for t in found]


def test_a_common_word_ranks_the_title_matches_first_and_says_more_than_instead_of_counting(
    client, topic, reviewer, monkeypatch
):
    monkeypatch.setattr(query, "CANDIDATES", 20)
    bulk_articles(
        topic,
        reviewer,
        [(f"Plain guide {n}", "Bring water to the infusion room.") for n in range(60)]
        + [(f"Infusion day {n}", "What happens on the day.") for n in range(3)],
    )
    page = client.get(SEARCH, {"q": "infusion"}).content.decode()
    assert "More than 20 results" in page
    assert sorted(result_titles(client.get(SEARCH, {"q": "infusion"}))[:3]) == [
        "Infusion day 0",
        "Infusion day 1",
        "Infusion day 2",
    ]
    # Fewer matches than are ranked: every one of them ranked, and counted exactly.
    few = client.get(SEARCH, {"q": "infusion day"}).content.decode()
    assert "3 results for" in few and "More than" not in few


def test_pages_of_a_capped_search_end_with_the_ranked_candidates(client, topic, reviewer, monkeypatch):
    monkeypatch.setattr(query, "CANDIDATES", 20)
    bulk_articles(topic, reviewer, [(f"Infusion guide {n:02d}", "About the infusion.") for n in range(45)])
    last = client.get(SEARCH, {"q": "infusion", "page": "2"})
    assert last.status_code == 200 and len(result_titles(last)) == 10
    past = client.get(SEARCH, {"q": "infusion", "page": "5"})
    assert past.status_code == 302 and past["Location"].endswith("page=2")
