"""With debug off, every error is our own calm page; error reports and logs never carry patient answers."""

import contextlib
import logging
import sys
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.debug import ExceptionReporter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]

LEAKS = [
    "SECRET-DETAIL",
    "Traceback",
    "SECRET_KEY",
    "DATABASES",
    "INSTALLED_APPS",
    "django.core",
    "Exception",
]
ANSWER = "my-private-answer-about-my-heart"


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def assert_our_page(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert heading in page
    assert "988" in page  # the crisis links are on every page, errors too
    for leak in LEAKS:
        assert leak not in page, leak


def test_bad_request_shows_our_400_page(quiet_client):
    assert_our_page(quiet_client.get("/bad-request/"), 400, "We could not understand that request")


def test_unknown_host_header_shows_our_400_page(quiet_client):
    assert_our_page(
        quiet_client.get("/", HTTP_HOST="evil.example"), 400, "We could not understand that request"
    )


def test_forbidden_shows_our_403_page(quiet_client):
    assert_our_page(quiet_client.get("/forbidden/"), 403, "You cannot open this page")


def test_form_without_a_valid_csrf_token_shows_our_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert_our_page(response, 403, "Please try that again")


def test_unknown_address_shows_our_404_page(quiet_client):
    assert_our_page(quiet_client.get("/no/such/page/"), 404, "We could not find that page")


def test_server_error_shows_our_500_page(quiet_client):
    assert_our_page(quiet_client.get("/broken/"), 500, "Something went wrong on our side")


@contextlib.contextmanager
def database_down():
    """Inside, every query fails the way a locked SQLite file or an unreachable server does."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("database is locked")

    with connection.execute_wrapper(refuse):
        yield


def assert_temporarily_unavailable(response):
    assert_our_page(response, 503, "This page is temporarily unavailable")
    assert response["Retry-After"] == "5"  # DJANGO_DB_RETRY_AFTER: when this process tries again
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert '<link rel="stylesheet"' in page and 'class="site-header"' in page  # the site's own page


def test_an_uncached_page_while_the_database_is_down_is_503_temporarily_unavailable(
    quiet_client, make_article
):
    article = make_article(title="Never visited")
    with database_down():
        for url in ("/", article.get_absolute_url(), "/faq/", "/search/?q=pain"):
            assert_temporarily_unavailable(quiet_client.get(url))


def test_pages_already_cached_are_served_while_the_database_is_down(quiet_client, make_article, settings):
    article = make_article(title="Visited before")
    before = {url: quiet_client.get(url) for url in ("/", article.get_absolute_url())}
    settings.CONTENT_FRESHNESS_SECONDS = 0  # every request tries to read the content version again
    with database_down():
        for url, first in before.items():
            again = quiet_client.get(url)
            assert (again.status_code, again["X-Cache"]) == (200, "hit"), url
            assert again.content == first.content
        assert_temporarily_unavailable(quiet_client.get("/glossary/"))  # never visited: not cached
    assert quiet_client.get("/glossary/").status_code == 200  # back as soon as the database is


def test_a_bug_that_is_not_the_database_is_still_our_500_page(quiet_client):
    response = quiet_client.get("/broken/")
    assert response.status_code == 500 and "Retry-After" not in response


def _report_for(request):
    def view_that_fails(request):
        answers = dict(request.POST)  # noqa: F841 (a local variable the report would show)
        raise RuntimeError("boom")

    try:
        view_that_fails(request)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_error_reports_mask_self_check_answers():
    request = RequestFactory().post(
        reverse("education:selfcheck_result"), {"q_1": "yes", "questions_to_ask": ANSWER}
    )
    report = _report_for(request)
    assert "questions_to_ask" in report  # the field name helps debugging; the value is hidden
    assert ANSWER not in report


def test_error_reports_mask_post_data_even_from_views_that_forgot_to_ask():
    request = RequestFactory().post("/broken/", {"anything": ANSWER})
    assert ANSWER not in _report_for(request)


def test_logs_carry_no_self_check_answers(client, caplog, make_question):
    question = make_question()
    form = "application/x-www-form-urlencoded"
    url = reverse("education:selfcheck_result")
    with caplog.at_level(logging.DEBUG):
        ok = client.post(
            url, urlencode({f"q_{question.pk}": "yes", "questions_to_ask": ANSWER}), content_type=form
        )
        invalid = client.post(url, urlencode({f"q_{question.pk}": ANSWER}), content_type=form)
        Client(raise_request_exception=False).post("/broken/", {"questions_to_ask": ANSWER})
    assert (ok.status_code, invalid.status_code) == (200, 400)
    assert caplog.records  # the failing request above was logged…
    assert ANSWER not in caplog.text  # …without what the patient typed
