"""With debug off, every error is our own calm page; error reports and logs never carry patient answers."""

import logging
import sys
from urllib.parse import urlencode

import pytest
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
