"""Anonymous public pages come from the cache; every content change shows on the very next request."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
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


def test_the_self_check_and_staff_preview_are_never_cached(client, superuser, article):
    for response in get_twice(client, "/self-check/"):
        assert response.status_code == 200 and "X-Cache" not in response
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


def test_a_cache_hit_is_one_round_trip_to_the_cache(client):
    """The content version and the page are read together (one MGET on Redis): a hit's main cost."""
    from django.core.cache import caches

    store, calls = caches["default"], []  # the backend itself, not django.core.cache's proxy
    get, get_many, set_ = store.get, store.get_many, store.set

    def one_read(keys, *args, **kwargs):
        calls.append("get_many")
        with mock.patch.object(store, "get", get):  # local memory's get_many loops over get
            return get_many(keys, *args, **kwargs)

    client.get("/")
    with (
        mock.patch.object(store, "get", lambda *a, **k: calls.append("get") or get(*a, **k)),
        mock.patch.object(store, "get_many", one_read),
        mock.patch.object(store, "set", lambda *a, **k: calls.append("set") or set_(*a, **k)),
    ):
        response = client.get("/")
    assert response["X-Cache"] == "hit"
    assert calls == ["get_many"]


def test_a_page_stored_under_older_content_is_rendered_again(client, article):
    """A page rendered while an edit was being saved is stored with the old token: never served."""
    from education.site import cache as page_cache

    url = article.get_absolute_url()
    client.get(url)
    page_cache.bump_content_version()  # what a save in another process does
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
