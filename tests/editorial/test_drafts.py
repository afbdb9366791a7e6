"""Live pages stay live while an edit is reviewed: an Editor's change of live content is a draft,
patients (pages, search, sitemap, JSON-LD) see the approved version until a reviewer approves."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from education.models import Draft, ReviewEvent, Status
from education.text.richtext import html_to_text
from tests.admin_forms import change_url, draft_step, edit_in_admin, form_data

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def anonymous(client):
    client.logout()
    return client


def approve(client, reviewer_user, draft, **fields):
    client.force_login(reviewer_user)
    return draft_step(client, draft, "approve", **fields)


def test_editor_edit_of_a_live_article_is_a_draft_and_patients_keep_the_old_text(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Sleep after treatment", body="## Rest\n\nOld approved sentence.")
    client.force_login(editor)
    response = edit_in_admin(client, article, body="## Rest\n\nNew unreviewed sentence.")
    assert response.status_code == 302
    draft = Draft.objects.get()
    assert response["Location"] == reverse("admin:education_draft_change", args=[draft.pk])
    assert any("Saved as a draft. Patients still see the live version" in m for m in messages_of(response))

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert "Old approved sentence." in article.body and "New unreviewed" not in article.body
    visitor = anonymous(client)
    page = visitor.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Old approved sentence." in page.content.decode()
    assert "New unreviewed sentence." not in page.content.decode()
    assert "Sleep after treatment" in visitor.get("/search/?q=approved").content.decode()
    assert "Sleep after treatment" not in visitor.get("/search/?q=unreviewed").content.decode()
    assert article.get_absolute_url() in visitor.get("/sitemap.xml").content.decode()

    assert "approved and is live now" in " ".join(messages_of(approve(client, medical_reviewer_user, draft)))
    page = anonymous(client).get(article.get_absolute_url()).content.decode()
    assert "New unreviewed sentence." in page
    assert "Old approved sentence." not in page
    assert "Sleep after treatment" in client.get("/search/?q=unreviewed").content.decode()


def test_a_slug_and_title_change_reaches_sitemap_and_json_ld_only_on_approval(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Old title", slug="old-address")
    client.force_login(editor)
    edit_in_admin(client, article, title="New title", slug="new-address")
    visitor = anonymous(client)
    sitemap = visitor.get("/sitemap.xml").content.decode()
    assert "/articles/old-address/" in sitemap and "/articles/new-address/" not in sitemap
    page = visitor.get("/articles/old-address/").content.decode()
    assert '"headline": "Old title"' in page or '"name": "Old title"' in page
    assert visitor.get("/articles/new-address/").status_code == 404

    approve(client, medical_reviewer_user, Draft.objects.get())
    visitor = anonymous(client)
    assert "/articles/new-address/" in visitor.get("/sitemap.xml").content.decode()
    page = visitor.get("/articles/new-address/").content.decode()
    assert "New title" in page and "Old title" not in page


def test_references_and_related_articles_travel_with_the_draft(
    client, editor, medical_reviewer_user, make_article
):
    other = make_article(title="Another article")
    article = make_article(references=[{"title": "Old source", "publisher": "NIMH", "year": 2020}])
    client.force_login(editor)
    url = change_url(article)
    data = form_data(client.get(url))
    data["references-0-title"] = "New source"
    data["related"] = [other.pk]
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert list(article.references.values_list("title", flat=True)) == ["Old source"]
    assert not article.related.exists()

    client.force_login(editor)
    reopened = client.get(url).content.decode()  # the editor sees their draft, not the live rows
    assert 'value="New source"' in reopened

    approve(client, medical_reviewer_user, Draft.objects.get())
    assert list(article.references.values_list("title", flat=True)) == ["New source"]
    assert list(article.related.all()) == [other]
    assert "New source" in anonymous(client).get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("kind", ["faq", "safetyitem"])
def test_faq_and_safety_item_edits_wait_for_approval(
    client, editor, medical_reviewer_user, reviewer, make_faq, make_safety_item, kind
):
    if kind == "faq":
        obj, field, page_url = make_faq(answer="Old answer text.", reviewer=reviewer), "answer", None
        page_url = obj.get_absolute_url()
    else:
        obj, field, page_url = (
            make_safety_item(guidance="Old guidance text.", reviewer=reviewer),
            "guidance",
            "/safety/",
        )
    client.force_login(editor)
    assert edit_in_admin(client, obj, **{field: "Brand new wording."}).status_code == 302
    page = anonymous(client).get(page_url)
    assert page.status_code == 200
    assert "Old" in page.content.decode() and "Brand new wording." not in page.content.decode()
    approve(client, medical_reviewer_user, Draft.objects.get())
    assert "Brand new wording." in anonymous(client).get(page_url).content.decode()


def test_approval_signs_the_review_with_the_approving_clinician(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(last_reviewed=timezone.localdate().replace(year=2020))
    client.force_login(editor)
    edit_in_admin(client, article, summary="A clearer summary.")
    approve(client, medical_reviewer_user, Draft.objects.get())
    article.refresh_from_db()
    assert article.reviewer == medical_reviewer_user.medical_reviewer
    assert article.last_reviewed == timezone.localdate()
    assert (
        "Medically reviewed by Dr. Clinician"
        in anonymous(client).get(article.get_absolute_url()).content.decode()
    )
    assert article.history.first().history_user == medical_reviewer_user


def test_a_reviewer_without_a_linked_record_is_told_to_link_one_and_cannot_approve(
    client, editor, superuser, make_article
):
    article = make_article(body="Approved body.")
    client.force_login(editor)
    edit_in_admin(client, article, body="Draft body.")
    draft = Draft.objects.get()
    client.force_login(superuser)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "not linked to a medical reviewer record" in page
    response = draft_step(client, draft, "approve")
    assert any("not linked to a medical reviewer record" in m for m in messages_of(response))
    article.refresh_from_db()
    assert html_to_text(article.body).strip() == "Approved body."


def test_the_change_page_says_what_patients_see(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "What patients see: Live" in page
    assert "Patients see the version approved on" in page
    edit_in_admin(client, article, body="Changed.")
    draft_step(client, Draft.objects.get(), "submit", note="Fixed a typo")
    page = client.get(change_url(article)).content.decode()
    assert "Live, with a draft in review" in page
    assert "your changes are a draft" in page
    assert "Fixed a typo" in page  # the conversation is shown with the item


def test_review_notes_are_staff_only_and_save_directly_for_reviewers(
    client, medical_reviewer_user, make_article
):
    article = make_article()
    client.force_login(medical_reviewer_user)
    assert edit_in_admin(client, article, review_notes="Check the dose figures.").status_code == 302
    article.refresh_from_db()
    assert article.review_notes == "Check the dose figures."
    assert not Draft.objects.exists()


def test_events_record_the_conversation(client, editor, medical_reviewer_user, make_faq, reviewer):
    faq = make_faq(reviewer=reviewer)
    client.force_login(editor)
    edit_in_admin(client, faq, answer="New.")
    draft = Draft.objects.get()
    draft_step(client, draft, "submit", note="Please check")
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "send_back", comment="Say who to call")
    kinds = list(ReviewEvent.objects.exclude(kind="saved").values_list("kind", "note"))
    assert kinds == [("submitted", "Please check"), ("sent_back", "Say who to call")]
