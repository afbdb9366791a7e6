"""A staff save that fails on the server's side (database locked or read-only, disk full, a timeout)
answers 503 with an admin page that says nothing was saved and shows what they typed, escaped,
without secrets; patients (and staff on public pages) keep the site's own error page."""

import errno
import html
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.test import Client

from education.models import Draft
from tests.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db

TYPED = "Ketamine <script>alert('x')</script> & what to bring on the day."


def save_failing_with(client, article, error, **extra):
    url = change_url(article)
    data = form_data(client.get(url)) | {"summary": TYPED, "_save": "Save"} | extra
    with mock.patch("education.editorial.drafts.save_draft", side_effect=error):
        return client.post(url, data)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OperationalError("database is locked"), "busy with other people's saves"),
        (OperationalError("attempt to write a readonly database"), "The database is read-only"),
        (OperationalError("database or disk is full"), "The server's disk is full."),
        (OSError(errno.ENOSPC, "No space left on device"), "The server's disk is full."),
        (OperationalError("canceling statement due to statement timeout"), "took too long"),
    ],
    ids=["locked", "read-only", "database-disk-full", "file-disk-full", "timeout"],
)
def test_a_staff_save_that_fails_on_the_server_keeps_the_typed_text_on_a_503_admin_page(
    editor, make_article, error, reason
):
    article = make_article(summary="The approved summary.")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    token = "our0own0csrf0token0for0this0test"
    response = save_failing_with(
        client, article, error, new_password="hunter2 do not show", csrfmiddlewaretoken=token
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Nothing was saved." in page and reason in html.unescape(page)
    assert "Clinic Portal staff" in page  # the admin's own header: an admin page, not the patients' one
    assert "Ketamine &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; what to bring" in page
    assert "<script>alert" not in page
    assert "hunter2" not in page and token not in page
    assert not Draft.objects.exists()
    article.refresh_from_db()
    assert article.summary == "The approved summary."


def test_a_programming_error_in_a_staff_save_still_gets_the_500_page(editor, make_article):
    article = make_article()
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = save_failing_with(client, article, ValueError("a bug, not a fault"))
    assert response.status_code == 500
    assert "Nothing was saved." not in response.content.decode()


def test_patients_and_staff_on_public_pages_keep_the_sites_error_page(editor, make_question):
    make_question()
    for signed_in in (False, True):
        client = Client(raise_request_exception=False)
        if signed_in:
            client.force_login(editor)
        with mock.patch(
            "education.selfcheck.views._result", side_effect=OperationalError("database is locked")
        ):
            response = client.post(
                "/self-check/result/",
                urlencode({"questions_to_ask": "Private words."}),
                content_type="application/x-www-form-urlencoded",
            )
        # A database fault on a public page is the site's "temporarily unavailable" page (503, as
        # for patients), never the staff write-failure page, and never echoes what was typed.
        assert response.status_code == 503 and response["Retry-After"]
        page = response.content.decode()
        assert "temporarily unavailable" in page and "Private words." not in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_only_postgresql_gives_staff_the_503_page_and_keeps_their_text(editor, make_article):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (a PostgreSQL session setting)")
    article = make_article(summary="The approved summary.")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = change_url(article)
    data = form_data(client.get(url)) | {"summary": TYPED, "_save": "Save"}
    with connection.cursor() as cursor:  # the test client's requests share this connection
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    try:
        response = client.post(url, data)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
    assert response.status_code == 503
    page = response.content.decode()
    assert "The database is read-only" in page and "what to bring on the day" in page
    assert not Draft.objects.exists()
