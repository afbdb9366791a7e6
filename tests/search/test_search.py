"""Site search: one results contract, run unchanged on SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from education.models import Status

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def result_titles(response):
    """Result titles in page order, without the highlight marks."""
    page = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", t)
        for t in re.findall(r'<li class="search-result">\s*<h2><a [^>]*>(.*?)</a>', page)
    ]


def test_search_finds_published_articles_faqs_and_glossary_terms(client, make_article, make_faq, make_term):
    make_article(title="Nasal spray sessions", body="You use the spray yourself.")
    make_faq(question="Can I drive after the nasal spray?", answer="No. Someone must drive you home.")
    term = make_term(term="Nasal spray", definition="A medicine you breathe in through the nose.")
    response = client.get(SEARCH, {"q": "nasal spray"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 results" in page
    assert set(result_titles(response)) == {
        "Nasal spray sessions",
        "Can I drive after the nasal spray?",
        "Nasal spray",
    }
    assert "Article · Chronic pain" in page and "Question · Before your first visit" in page
    assert 'href="/faq/before-your-first-visit/' in page
    assert f'href="/glossary/n/#{term.slug}"' in page  # the term on its letter page, as everywhere


def test_search_never_shows_drafts_scheduled_or_expired_content(client, make_article, make_faq):
    now = timezone.now()
    make_article(title="Bladder care visible")
    make_article(title="Bladder care draft", status=Status.DRAFT)
    make_article(title="Bladder care in review", status=Status.IN_REVIEW)
    make_article(title="Bladder care later", publish_at=now + datetime.timedelta(days=1))
    make_article(title="Bladder care expired", unpublish_at=now - datetime.timedelta(minutes=1))
    make_faq(question="Bladder care draft question?", status=Status.DRAFT)
    assert result_titles(client.get(SEARCH, {"q": "bladder"})) == ["Bladder care visible"]


def test_title_match_ranks_above_key_points_above_body(client, make_article):
    make_article(title="Aftercare", key_points="Rest\nDrink water", body="Nausea can happen after a session.")
    make_article(title="Side effects", key_points="Nausea is common\nIt passes", body="Most feel fine.")
    make_article(title="Nausea", key_points="Short", body="Plain text.")
    assert result_titles(client.get(SEARCH, {"q": "nausea"})) == ["Nausea", "Side effects", "Aftercare"]


def test_each_result_has_a_highlighted_snippet(client, make_article):
    make_article(
        title="Blood pressure checks",
        summary="Why we measure it.",
        body="Staff check your blood pressure before and after every dose of esketamine.",
    )
    page = client.get(SEARCH, {"q": "esketamine"}).content.decode()
    assert '<p class="snippet">' in page
    assert "<mark>esketamine</mark>" in page


@pytest.mark.parametrize("query", ["ketamin", "depresion", "ketmaine", "Depression", "DEPRESSED"])
def test_a_query_with_one_typo_still_finds_the_obvious_article(client, make_article, query):
    make_article(title="Ketamine for depression", body="Ketamine can ease depression quickly.")
    make_article(title="Getting home safely", body="Bring someone to drive you.")
    assert result_titles(client.get(SEARCH, {"q": query})) == ["Ketamine for depression"]


def test_words_in_a_query_must_all_match(client, make_article):
    make_article(title="Driving after treatment", body="Do not drive until the next day.")
    make_article(title="Eating before treatment", body="Do not eat for two hours.")
    assert result_titles(client.get(SEARCH, {"q": "treatment driving"})) == ["Driving after treatment"]


def test_results_are_paginated(client, make_article):
    for n in range(23):
        make_article(title=f"Infusion guide {n:02d}")
    first = client.get(SEARCH, {"q": "infusion"})
    assert len(result_titles(first)) == 10
    assert "23 results" in first.content.decode() and "Page 1 of 3" in first.content.decode()
    assert 'href="?q=infusion&amp;page=2"' in first.content.decode()
    last = client.get(SEARCH, {"q": "infusion", "page": "3"})
    assert len(result_titles(last)) == 3
    all_titles = set()
    for number in (1, 2, 3):
        all_titles |= set(result_titles(client.get(SEARCH, {"q": "infusion", "page": number})))
    assert len(all_titles) == 23
    past_the_end = client.get(SEARCH, {"q": "infusion", "page": "99"})
    assert past_the_end["Location"] == f"{SEARCH}?q=infusion&page=3"
    assert "Page 3 of 3" in client.get(past_the_end["Location"]).content.decode()


def test_empty_query_page_points_to_topics_and_the_faq(client, topic):
    response = client.get(SEARCH)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/faq/"' in page and f'href="{topic.get_absolute_url()}"' in page
    assert 'class="search-result"' not in page


def test_no_results_page_says_so_and_points_to_topics_and_the_faq(client, make_article, topic):
    make_article(title="Ketamine basics")
    page = client.get(SEARCH, {"q": "zebra xylophone"}).content.decode()
    assert "Nothing matched “zebra xylophone”" in page
    assert 'href="/faq/"' in page and f'href="{topic.get_absolute_url()}"' in page


def test_search_form_is_in_every_page_header_and_labelled(client):
    page = client.get("/").content.decode()
    form = re.search(
        r'<form class="site-search" action="/search/" method="get"[^>]*>(.*?)</form>', page, re.S
    )
    assert form and 'name="q"' in form.group(1) and 'aria-label="Search the site"' in form.group(1)


def test_search_text_is_escaped_in_the_page(client, make_article):
    make_article(title="Safety first")
    page = client.get(SEARCH, {"q": '<script>alert("x")</script> safety'}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


HOSTILE_QUERIES = [
    '"unbalanced',
    "ketamine*",
    "title:ketamine",
    "^ketamine",
    "ketamine NEAR depression",
    "ketamine AND OR NOT depression",
    "NEAR(ketamine depression, 2)",
    "ketamine & | ! <-> :* ()",
    "\x00ketamine\x00",
    "ket\x00amine",
    "x" * 10_000,
    "ketamine " * 2_000,
    "' OR 1=1 --",
    "%",
    "_",
    "😀 東京 café Ωmega",
    "\u202e\u200b\ufeff",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("page", ["1", "abc", "-1", "0", "99999", "", "1.5", "922337203685477582", "1e400"])
def test_hostile_queries_and_page_numbers_get_a_normal_page(client, make_article, query, page):
    make_article(title="Ketamine and depression")
    response = client.get(SEARCH, {"q": query, "page": page}, follow=True)
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()
    assert len(response.redirect_chain) <= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60))
def test_any_unicode_query_gets_a_normal_page(client, query):
    assert client.get(SEARCH, {"q": query.replace("\x00", "")}).status_code == 200


def test_search_index_follows_edits_and_deletes(client, make_article):
    article = make_article(title="Old heading")
    assert result_titles(client.get(SEARCH, {"q": "heading"})) == ["Old heading"]
    article.title = "Renamed page"
    article.save()
    assert result_titles(client.get(SEARCH, {"q": "heading"})) == []
    assert result_titles(client.get(SEARCH, {"q": "renamed"})) == ["Renamed page"]
    article.delete()
    assert result_titles(client.get(SEARCH, {"q": "renamed"})) == []


def test_search_index_is_the_databases_own(db):
    """PostgreSQL keeps a GIN-indexed search vector; SQLite an FTS5 table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'education_search_word' "
                "AND indexdef LIKE %s",
                ["%text_pattern_ops%"],
            )
            assert cursor.fetchall(), "the spelling fallback's prefix look-up needs an index"
            # Vectors stay in the row (ranking reads every match's vector) and the GIN index keeps
            # no pending list (which every search would have to scan after an import).
            cursor.execute(
                "SELECT c.relname, a.attstorage FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE a.attname = 'search_vector' ORDER BY c.relname"
            )
            assert {storage for _, storage in cursor.fetchall()} == {"m"}
            cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'education_article_search_gin'")
            assert "fastupdate=off" in cursor.fetchone()[0]
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'education_article' AND indexdef LIKE %s",
                ["%gin (search_vector)%"],
            )
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'education_search'")
            assert "fts5" in cursor.fetchone()[0]
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search%'")
        assert cursor.fetchall()


def test_a_repeated_search_is_served_from_the_cache_until_content_changes(
    client, make_article, django_assert_num_queries
):
    make_article(title="Ketamine basics")
    first = client.get(SEARCH, {"q": "ketamine"})
    assert first["X-Cache"] == "miss" and result_titles(first) == ["Ketamine basics"]
    with django_assert_num_queries(0):
        second = client.get(SEARCH, {"q": "ketamine"})
    assert second["X-Cache"] == "hit" and second.content == first.content
    make_article(title="Ketamine aftercare")
    assert set(result_titles(client.get(SEARCH, {"q": "ketamine"}))) == {
        "Ketamine basics",
        "Ketamine aftercare",
    }
    # One page of results: "page 2" is not a page, so it is sent to page 1 and nothing is stored.
    beyond = client.get(SEARCH, {"q": "ketamine", "page": "2"})
    assert beyond.status_code == 302 and beyond["Location"] == f"{SEARCH}?q=ketamine"
    assert "X-Cache" not in beyond


def test_invented_page_numbers_add_no_cache_entries(client, make_article):
    from django.core.cache import cache

    make_article(title="Ketamine basics")
    client.get(SEARCH, {"q": "ketamine"})
    entries = len(cache._cache)
    for page in ["2", "0", "abc", "01", "99999", "1e400", "-1"]:
        assert client.get(SEARCH, {"q": "ketamine", "page": page}).status_code == 302
    assert len(cache._cache) == entries


def test_a_signed_in_visitors_search_is_neither_cached_nor_served_from_the_cache(
    client, make_article, superuser
):
    make_article(title="Ketamine basics")
    client.force_login(superuser)
    for _ in range(2):
        response = client.get(SEARCH, {"q": "ketamine"})
        assert "X-Cache" not in response and result_titles(response) == ["Ketamine basics"]
    client.logout()
    assert client.get(SEARCH, {"q": "ketamine"})["X-Cache"] == "miss"
