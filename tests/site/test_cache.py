"""Anonymous public pages come from the cache; every content change shows on the very next request."""

import datetime
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from education.models import ClinicDetails, Status

pytestmark = pytest.mark.django_db

CACHED_PAGES = ["/", "/faq/", "/safety/", "/glossary/", "/prepare/"]


@pytest.fixture
def article(make_article):
    return make_article(title="Cached article", body="Original wording.")


def get_twice(client, url):
    return client.get(url), client.get(url)


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries, url
):
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_article_and_topic_pages_are_cached(client, article):
    for url in (article.get_absolute_url(), article.topic.get_absolute_url()):
        first, second = get_twice(client, url)
        assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
        assert "Cached article" in second.content.decode()


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_public_pages_do_not_vary_on_cookies(client, url):
    for response in get_twice(client, url):
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies


def test_cached_pages_still_get_the_security_headers(client):
    _, cached = get_twice(client, "/")
    assert cached["X-Cache"] == "hit"
    assert "Content-Security-Policy" in cached and cached["X-Frame-Options"] == "DENY"


def test_an_edit_shows_on_the_very_next_request(client, article):
    url = article.get_absolute_url()
    get_twice(client, url)
    article.body = "Updated wording."
    article.save()
    page = client.get(url).content.decode()
    assert "Updated wording." in page and "Original wording." not in page


def test_publishing_shows_the_article_on_home_topic_and_article_pages(client, make_article, topic):
    draft = make_article(title="Brand new guide", status=Status.DRAFT, featured=True)
    for url in ("/", topic.get_absolute_url()):
        get_twice(client, url)
    assert client.get(draft.get_absolute_url()).status_code == 404
    draft.status = Status.PUBLISHED
    draft.save()
    assert "Brand new guide" in client.get("/").content.decode()
    assert "Brand new guide" in client.get(topic.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_unpublishing_and_deleting_remove_the_article_at_once(client, make_article, topic):
    first, second = make_article(title="First to go"), make_article(title="Second to go")
    get_twice(client, topic.get_absolute_url())
    get_twice(client, first.get_absolute_url())
    first.status = Status.ARCHIVED
    first.save()
    second.delete()
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "First to go" not in page and "Second to go" not in page
    assert client.get(first.get_absolute_url()).status_code == 404


def test_restoring_an_earlier_version_shows_at_once(client, article):
    url = article.get_absolute_url()
    article.body = "A mistake."
    article.save()
    assert "A mistake." in client.get(url).content.decode()
    article.history.order_by("history_date").first().instance.save()  # the admin's "revert"
    page = client.get(url).content.decode()
    assert "Original wording." in page and "A mistake." not in page


def test_changing_related_articles_shows_at_once(client, make_article, article):
    other = make_article(title="See also this one")
    get_twice(client, article.get_absolute_url())
    article.related.add(other)
    assert "See also this one" in client.get(article.get_absolute_url()).content.decode()


def test_clinic_details_change_shows_in_every_cached_footer(client):
    get_twice(client, "/faq/")
    details = ClinicDetails.load()
    details.phone = "555-0199"
    details.save()
    assert "555-0199" in client.get("/faq/").content.decode()


def test_a_scheduled_article_appears_and_disappears_on_time(client, make_article, topic):
    now = timezone.now()
    make_article(
        title="Timed article",
        publish_at=now + datetime.timedelta(hours=1),
        unpublish_at=now + datetime.timedelta(hours=2),
    )
    url = topic.get_absolute_url()
    assert "Timed article" not in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=1, seconds=1)):
        assert "Timed article" in client.get(url).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=2, seconds=1)):
        assert "Timed article" not in client.get(url).content.decode()


def test_signed_in_staff_always_get_a_fresh_page(client, superuser, article):
    client.force_login(superuser)
    responses = get_twice(client, article.get_absolute_url())
    assert all("X-Cache" not in r for r in responses)
    client.logout()
    # What staff saw was never stored for patients either.
    assert client.get(article.get_absolute_url())["X-Cache"] == "miss"


def test_any_session_cookie_bypasses_the_cache(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    assert all("X-Cache" not in r for r in get_twice(client, "/"))


def test_staff_preview_is_never_cached_and_the_self_check_form_is(client, superuser, article):
    assert [r["X-Cache"] for r in get_twice(client, "/self-check/")] == ["miss", "hit"]
    client.force_login(superuser)
    for response in get_twice(client, f"/preview/articles/{article.pk}/"):
        assert "X-Cache" not in response


def test_unknown_query_parameters_are_rendered_fresh_not_stored(client):
    for response in get_twice(client, "/?utm_source=newsletter"):
        assert response.status_code == 200 and "X-Cache" not in response


def test_each_page_number_is_cached_separately(client, make_article, topic):
    for n in range(25):
        make_article(title=f"Paged {n:02d}")
    url = topic.get_absolute_url()
    assert "Paged 00" in client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Paged 24" in second and "Paged 00" not in second
    assert client.get(url, {"page": 2})["X-Cache"] == "hit"


def test_posting_to_a_public_page_is_never_served_from_the_cache(client):
    get_twice(client, "/faq/")
    response = client.post("/faq/")
    assert "X-Cache" not in response


def test_a_page_stored_under_older_content_is_rendered_again(client, article):
    """A page rendered while an edit was being saved is stored under the old version: never served."""
    from education.site import cache as page_cache

    url = article.get_absolute_url()
    client.get(url)
    page_cache.bump_content_version()  # what any content save does, in its transaction
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


# --- Two tiers: this process's own cache in front of the shared one -------------------------------

SHARED_STANDIN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}


@pytest.fixture
def shared():
    """A stand-in for Redis (any cache backend that is not this process's own), emptied by the test."""
    from django.core.cache import caches
    from django.test import override_settings

    with override_settings(CACHES=SHARED_STANDIN):
        store = caches["default"]
        store.clear()
        yield store
        store.clear()


def local_entries():
    from education.site.localcache import local_cache

    return len(local_cache())


def test_a_hit_in_the_process_costs_no_call_to_the_shared_cache(client, shared):
    client.get("/")
    with (
        mock.patch.object(shared, "get", side_effect=AssertionError("asked Redis")),
        mock.patch.object(shared, "get_many", side_effect=AssertionError("asked Redis")),
    ):
        assert client.get("/")["X-Cache"] == "hit"


def test_a_page_another_process_stored_is_served_from_the_shared_cache_then_kept_here(client, shared):
    from education.site.localcache import forget_local_cache

    first = client.get("/glossary/")
    forget_local_cache()  # as a second process, with nothing of its own yet, would be
    with mock.patch.object(shared, "get", wraps=shared.get) as get:
        second = client.get("/glossary/")
        third = client.get("/glossary/")
    assert (second["X-Cache"], third["X-Cache"]) == ("hit", "hit")
    # Only page lookups count: the scheduled-drafts check may read its own key in between.
    page_gets = [call for call in get.call_args_list if call.args[0].startswith("page:")]
    assert second.content == first.content and len(page_gets) == 1


def test_an_archived_page_is_gone_though_every_cache_write_was_dropped_and_old_entries_restored(
    client, shared, article
):
    """Redis loses the writes (IGNORE_EXCEPTIONS-style) and is restored from a dump made before the
    archive: the page it holds is keyed by a content version the database no longer has."""
    url = article.get_absolute_url()
    get_twice(client, url)
    dump = dict(shared._cache), dict(shared._expire_info)
    with (
        mock.patch.object(shared, "set", return_value=False),
        mock.patch.object(shared, "delete", return_value=False),
        mock.patch.object(shared, "set_many", return_value=[]),
        mock.patch.object(shared, "delete_many", return_value=None),
    ):
        article.status = Status.ARCHIVED
        article.save()
    shared._cache.update(dump[0])
    shared._expire_info.update(dump[1])
    assert client.get(url).status_code == 404
    assert "Cached article" not in client.get(article.topic.get_absolute_url()).content.decode()


def other_process_archives(article):
    """What another app process's save leaves in the database: the row and the version, no signal here."""
    from education.models import Article, ContentVersion

    Article.objects.filter(pk=article.pk).update(status=Status.ARCHIVED)
    ContentVersion.objects.filter(pk=1).update(n=F("n") + 1)


def test_a_change_made_by_another_process_shows_here_within_the_freshness_bound(client, shared, article):
    import time

    url, bound = article.get_absolute_url(), settings.CONTENT_FRESHNESS_SECONDS
    get_twice(client, url)
    other_process_archives(article)
    later = time.monotonic() + bound + 0.01
    with mock.patch("time.monotonic", return_value=later):
        assert client.get(url).status_code == 404


def test_content_saves_raise_the_version_in_the_database_in_their_own_transaction(article):
    from django.db import transaction

    from education.models import ContentVersion

    before = ContentVersion.objects.get(pk=1).n
    with pytest.raises(RuntimeError), transaction.atomic():
        article.body = "Never committed."
        article.save()
        assert ContentVersion.objects.get(pk=1).n > before
        raise RuntimeError("roll back")
    assert ContentVersion.objects.get(pk=1).n == before  # rolled back with the edit
    article.save()
    assert ContentVersion.objects.get(pk=1).n > before


# --- Only canonical pages are stored ---------------------------------------------------------------


@pytest.fixture
def two_page_lists(make_article, make_faq):
    from education.models import FAQCategory

    category = FAQCategory.objects.create(name="Treatment day", slug="treatment-day")
    for n in range(25):
        make_article(title=f"Paged {n:02d}")
        make_faq(category=category, question=f"Question {n:02d}?")
    make_faq(category=category, question="One more?")
    return ["/", "/topics/chronic-pain/", "/topics/chronic-pain/?page=2", "/faq/treatment-day/"]


def test_a_flood_of_random_page_numbers_and_query_strings_adds_no_cache_entries(
    client, shared, two_page_lists
):
    import random

    for url in two_page_lists + ["/faq/treatment-day/?page=2"]:
        assert client.get(url).status_code == 200
    counts = local_entries(), len(shared._cache)
    rng = random.Random(16)
    for _ in range(60):
        junk = rng.randrange(10**9)
        for url, expected in [
            (f"/faq/treatment-day/?page={junk}", 302),
            (f"/topics/chronic-pain/?page={junk}", 302),
            (f"/topics/chronic-pain/?page=x{junk}", 302),
            ("/topics/chronic-pain/?page=2&page=2", 200),
            (f"/?junk={junk}", 200),
            (f"/?page={junk}", 200),
            (f"/faq/treatment-day/?page=2&utm={junk}", 200),
        ]:
            assert client.get(url).status_code == expected, url
    assert (local_entries(), len(shared._cache)) == counts


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [("0", ""), ("1", ""), ("01", ""), ("02", "?page=2"), ("3", "?page=2"), ("-2", ""), ("x", "")],
)
def test_a_page_number_that_is_not_a_page_redirects_to_the_page_meant(client, two_page_lists, asked, sent_to):
    for path in ("/topics/chronic-pain/", "/faq/treatment-day/"):
        response = client.get(f"{path}?page={asked}")
        assert response.status_code == 302 and response["Location"] == path + sent_to


def test_the_process_cache_stays_within_its_entry_count_and_byte_budget(client, settings, make_article):
    from education.site.localcache import LocalCache, forget_local_cache, local_cache

    lru = LocalCache(max_entries=3, max_bytes=100)
    for n in range(10):
        lru.set(f"k{n}", n, 30, 60)
    assert len(lru) == 3 and lru.total_bytes == 90
    assert lru.get("k0") is None and lru.get("k9") == 9
    lru.set("big", "x", 101, 60)  # larger than the whole budget: not kept, nothing pushed out
    assert lru.get("big") is None and len(lru) == 3
    lru.set("k10", 10, 60, 60)  # least recently used go first: k9 was just read
    assert lru.get("k9") == 9 and lru.get("k7") is None and lru.total_bytes <= 100

    settings.LOCAL_CACHE_MAX_BYTES, settings.LOCAL_CACHE_MAX_ENTRIES = 60_000, 1000
    forget_local_cache()
    for n in range(30):
        client.get(make_article(title=f"Sized {n}").get_absolute_url())
    assert local_cache().total_bytes <= 60_000 and 0 < len(local_cache()) < 30


def test_self_check_answers_reach_no_cache_tier(client, shared, make_question):
    from education.site.localcache import local_cache

    question = make_question(guidance="Bring your medicines list.")
    client.get("/self-check/")
    before = dict(shared._cache), set(local_cache()._entries)
    body = urlencode({f"q_{question.pk}": "yes", "questions_to_ask": "my secret worry"})
    response = client.post("/self-check/result/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and "my secret worry" in response.content.decode()
    assert dict(shared._cache) == before[0]
    # The process keeps only what staff wrote (the visit checklist, until the next edit), never answers.
    added = set(local_cache()._entries) - before[1]
    assert {key.split(":", 1)[0] for key in added} <= {"checklist"}
    assert not any("secret worry" in repr(value) for value, *_ in local_cache()._entries.values())


# --- Conditional requests and compression (issue 17) -----------------------------------------------


def test_public_pages_send_a_strong_etag_and_answer_if_none_match_with_an_empty_304(client, article):
    url = article.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first["Cache-Control"] == "no-cache" and first["Vary"] == "Accept-Encoding"
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        repeat = client.get(url, HTTP_IF_NONE_MATCH=sent)
        assert repeat.status_code == 304 and repeat.content == b""
        assert repeat["ETag"] == etag and repeat["Cache-Control"] == "no-cache"
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_edit_changes_the_etag_and_an_unrelated_edit_does_not(client, article, make_article, topic):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    make_article(title="Elsewhere", topic=topic)  # not linked from this article
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    article.body = "Updated wording."
    article.save()
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and "Updated wording." in fresh.content.decode()
    assert fresh["ETag"] != etag


def test_pages_are_gzipped_for_browsers_that_accept_it_and_the_304_works_for_both(client, article):
    import gzip

    url = article.get_absolute_url()
    plain = client.get(url)
    for _ in range(2):  # the stored page (miss) and the cached one (hit)
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip, deflate")
        assert zipped["Content-Encoding"] == "gzip" and zipped["Vary"] == "Accept-Encoding"
        assert gzip.decompress(zipped.content) == plain.content
        assert len(zipped.content) < len(plain.content) / 2
    assert zipped["ETag"] != plain["ETag"]  # a strong ETag names one representation
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 304
    assert "Content-Encoding" not in client.get(url, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert "Content-Encoding" not in plain


def test_the_self_check_form_and_search_are_conditional_and_compressed_too(client, make_question, article):
    make_question()
    for url in ("/self-check/", "/search/?q=cached"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip" and response["Cache-Control"] == "no-cache"
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_what_the_shared_cache_gives_back_is_checked_before_it_is_served(client, shared):
    """An entry written by other code (an older release, a tool) is a miss, never a 500."""
    from education.site.localcache import forget_local_cache

    client.get("/faq/")
    pages = [key.split(":", 2)[2] for key in shared._cache if ":page:" in key]  # LocMem: ":1:<key>"
    assert len(pages) == 1
    shared.set(pages[0], ("not", "an", "entry"))
    forget_local_cache()
    response = client.get("/faq/")
    assert response.status_code == 200 and response["X-Cache"] == "miss"


def test_pages_rendered_by_other_code_are_not_served_after_a_deploy(client, shared):
    from education.site import cache as page_cache
    from education.site.localcache import forget_local_cache

    client.get("/glossary/")
    forget_local_cache()
    page_cache.forget_version()
    with mock.patch.object(page_cache, "CODE_VERSION", "next-release"):
        assert client.get("/glossary/")["X-Cache"] == "miss"


def test_staff_only_rows_such_as_drafts_leave_cached_pages_alone(article, editor):
    from education.models import ContentVersion, Draft, PematScore

    before = ContentVersion.objects.get(pk=1).n
    Draft.objects.create(content_object=article, title=article.title, data={}, created_by=editor)
    PematScore.objects.create(article=article)
    assert ContentVersion.objects.get(pk=1).n == before
