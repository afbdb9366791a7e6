"""No lost edits: a save over someone else's newer change is refused and the text is kept."""

import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from education.admin.content import ArticleAdmin
from education.models import ClinicDetails, Status

pytestmark = pytest.mark.django_db

REFERENCES_MANAGEMENT = {
    "references-TOTAL_FORMS": "0",
    "references-INITIAL_FORMS": "0",
    "references-MIN_NUM_FORMS": "0",
    "references-MAX_NUM_FORMS": "1000",
}


def opened_form(client, url):
    """The values a staff member's browser holds after opening the change page."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in ("publish_at", "unpublish_at"):
            data[f"{name}_0"], data[f"{name}_1"] = "", ""
        elif isinstance(value, list):
            data[name] = value
        else:
            data[name] = "" if value is None else value
    return data


def test_second_save_over_a_newer_change_is_refused_and_keeps_the_text(
    client, superuser, editor, make_article
):
    article = make_article(status=Status.DRAFT, body="Starting text.")
    url = reverse("admin:education_article_change", args=[article.pk])
    client.force_login(editor)
    editor_form = opened_form(client, url) | REFERENCES_MANAGEMENT
    client.force_login(superuser)
    first = opened_form(client, url) | REFERENCES_MANAGEMENT
    assert client.post(url, first | {"body": "The first person's change."}).status_code == 302

    client.force_login(editor)
    response = client.post(url, editor_form | {"body": "The second person's text."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: admin saved this item" in page
    assert "They changed: body." in page
    assert "The second person&#x27;s text." in page
    article.refresh_from_db()
    assert article.body == "The first person's change."


def test_after_the_refusal_saving_the_merged_text_is_accepted(client, superuser, editor, make_article):
    article = make_article(status=Status.DRAFT, body="Starting text.")
    url = reverse("admin:education_article_change", args=[article.pk])
    client.force_login(editor)
    editor_form = opened_form(client, url) | REFERENCES_MANAGEMENT
    article.body = "Someone else's change."
    article.save()

    refused = client.post(url, editor_form | {"body": "Mine."})
    merged = opened_form_from_response(refused) | REFERENCES_MANAGEMENT
    response = client.post(url, merged | {"body": "Someone else's change. Mine."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "Someone else's change. Mine."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_cannot_both_pass_the_check(superuser, editor, make_article):
    """The first save still inside its transaction when the second one checks the version."""
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting.
        pytest.skip("a PostgreSQL row lock; on SQLite one of two overlapping saves fails instead")
    article = make_article(status=Status.DRAFT, body="Starting text.")
    url = reverse("admin:education_article_change", args=[article.pk])
    first, second = Client(), Client()
    first.force_login(superuser)
    second.force_login(editor)
    first_form = opened_form(first, url) | REFERENCES_MANAGEMENT
    second_form = opened_form(second, url) | REFERENCES_MANAGEMENT
    first_is_saving, let_first_finish = threading.Event(), threading.Event()
    save_model = ArticleAdmin.save_model

    def slow_first_save(self, request, obj, form, change):
        if request.user == superuser:
            first_is_saving.set()
            let_first_finish.wait(10)
        return save_model(self, request, obj, form, change)

    responses = {}

    def post(name, client, data):
        try:
            responses[name] = client.post(url, data)
        finally:
            connections.close_all()

    first_post = threading.Thread(target=post, args=("first", first, first_form | {"body": "First."}))
    second_post = threading.Thread(target=post, args=("second", second, second_form | {"body": "Second."}))
    with mock.patch.object(ArticleAdmin, "save_model", slow_first_save):
        first_post.start()
        assert first_is_saving.wait(10)
        second_post.start()
        second_post.join(0.5)  # the second save waits for the first one's transaction
        let_first_finish.set()
        first_post.join(20)
        second_post.join(20)

    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200
    assert "Not saved: admin saved this item" in responses["second"].content.decode()
    article.refresh_from_db()
    assert article.body == "First."


def opened_form_from_response(response):
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if k not in ("publish_at", "unpublish_at")}
    return data | {"publish_at_0": "", "publish_at_1": "", "unpublish_at_0": "", "unpublish_at_1": ""}


def test_stale_clinic_details_form_is_refused(client, superuser):
    clinic = ClinicDetails()
    clinic.save()
    url = reverse("admin:education_clinicdetails_change", args=[clinic.pk])
    client.force_login(superuser)
    stale = opened_form(client, url)
    clinic.phone = "(202) 555-0100"
    clinic.save()
    response = client.post(url, stale | {"phone": "(202) 555-0199"})
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    clinic.refresh_from_db()
    assert clinic.phone == "(202) 555-0100"


def test_stale_glossary_form_is_refused(client, superuser, make_term):
    term = make_term(definition="Old.")
    url = reverse("admin:education_glossaryterm_change", args=[term.pk])
    client.force_login(superuser)
    stale = opened_form(client, url)
    term.definition = "Newer."
    term.save()
    response = client.post(url, stale | {"definition": "Mine."})
    assert response.status_code == 200
    assert "Mine." in response.content.decode()
    term.refresh_from_db()
    assert term.definition == "Newer."


def test_a_save_without_anyone_else_editing_goes_through(client, superuser, make_term):
    term = make_term(definition="Old.")
    url = reverse("admin:education_glossaryterm_change", args=[term.pk])
    client.force_login(superuser)
    assert client.post(url, opened_form(client, url) | {"definition": "New."}).status_code == 302
    term.refresh_from_db()
    assert term.definition == "New."
