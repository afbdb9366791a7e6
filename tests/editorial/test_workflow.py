"""Editorial workflow: who may move content between statuses, scheduling, and staff preview."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from education.models import FAQ, Article, Draft, SafetyItem, Status
from tests.admin_forms import save_and_submit, workflow_step

pytestmark = pytest.mark.django_db


def article_form_data(article, **changes):
    """What the article change form posts, with the article's current values."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "summary": article.summary,
        "key_points": article.key_points,
        "body": article.body,
        "status": article.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "reviewer": article.reviewer_id or "",
        "last_reviewed": article.last_reviewed.isoformat() if article.last_reviewed else "",
        "review_interval_months": article.review_interval_months,
        "review_notes": article.review_notes,
        "opened_version": article.version,
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def change_url(obj):
    return reverse(f"admin:education_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Permission boundaries: an Editor cannot publish by form, action or URL ---------------------


def test_editor_is_not_offered_published_or_archived_in_the_status_field(client, editor, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert 'value="in_review"' in page
    assert 'value="published"' not in page
    assert 'value="archived"' not in page


def test_editor_cannot_publish_by_forging_the_form(client, editor, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(change_url(article), article_form_data(article, status="published"))
    assert response.status_code == 200
    assert "Only medical reviewers can publish or archive" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_editor_cannot_publish_by_action(client, editor, make_article):
    article = make_article(status=Status.IN_REVIEW)
    client.force_login(editor)
    changelist = reverse("admin:education_article_changelist")
    assert "approve_and_publish" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "approve_and_publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_editor_cannot_publish_by_url(client, editor, make_article):
    article = make_article(status=Status.IN_REVIEW)
    client.force_login(editor)
    url = reverse("admin:education_article_transition", args=[article.pk])
    response = client.post(url, {"step": "publish"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


@pytest.mark.parametrize("model_name", ["faq", "safetyitem"])
def test_editor_cannot_publish_faqs_or_safety_items_by_url(
    client, editor, make_faq, make_safety_item, model_name
):
    obj = (make_faq if model_name == "faq" else make_safety_item)(status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        reverse(f"admin:education_{model_name}_transition", args=[obj.pk]), {"step": "publish"}
    )
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT


def test_editor_cannot_mark_content_reviewed(client, editor, make_article):
    article = make_article(status=Status.DRAFT, last_reviewed=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:education_article_transition", args=[article.pk]), {"step": "mark_reviewed"}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.last_reviewed is None


def test_editor_cannot_change_review_sign_off_fields_by_form(client, editor, make_article):
    article = make_article(status=Status.DRAFT, last_reviewed=datetime.date(2020, 1, 1))
    client.force_login(editor)
    client.post(change_url(article), article_form_data(article, last_reviewed="2030-01-01"))
    article.refresh_from_db()
    assert article.last_reviewed == datetime.date(2020, 1, 1)


def test_editor_submits_a_draft_for_review_with_the_button(client, editor, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Save and submit for medical review" in page
    assert "Approve and publish" not in page
    response = save_and_submit(client, article)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert any("Saved and sent for medical review" in m for m in messages_of(response))


def test_editor_edit_of_a_published_article_is_a_draft_and_the_article_stays_live(
    client, editor, make_article
):
    # Changed deliberately (issue 13): it used to go back to "In review" and leave the site.
    article = make_article(status=Status.PUBLISHED)
    client.force_login(editor)
    response = client.post(
        change_url(article), article_form_data(article, status="in_review", body="New unreviewed text.")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.body != "New unreviewed text."
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert Draft.objects.get().data["fields"]["body"] == "New unreviewed text."


def test_reviewer_publishes_with_the_button_and_sees_what_happened(
    client, medical_reviewer_user, make_article
):
    article = make_article(status=Status.IN_REVIEW)
    client.force_login(medical_reviewer_user)
    assert "Approve and publish" in client.get(change_url(article)).content.decode()
    response = workflow_step(client, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert f"“{article.title}” was approved and published." in messages_of(response)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_reviewer_publishes_one_item_at_a_time_and_archives_by_action(
    client, medical_reviewer_user, make_article, make_faq
):
    article = make_article(status=Status.IN_REVIEW)
    client.force_login(medical_reviewer_user)
    changelist = reverse("admin:education_article_changelist")
    # No bulk approval: a list of titles is not the text a reviewer signs.
    assert "approve_and_publish" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "approve_and_publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    workflow_step(client, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    client.post(changelist, {"action": "archive", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED


def test_reviewer_marks_content_reviewed_today_in_their_own_name(
    client, medical_reviewer_user, make_safety_item
):
    item = make_safety_item(status=Status.PUBLISHED, reviewer=None, last_reviewed=None)
    client.force_login(medical_reviewer_user)
    response = client.post(
        reverse("admin:education_safetyitem_transition", args=[item.pk]), {"step": "mark_reviewed"}
    )
    item.refresh_from_db()
    assert item.reviewer.user == medical_reviewer_user
    assert item.last_reviewed == timezone.localdate()
    assert any("marked as reviewed by Dr. Clinician" in m for m in messages_of(response))


def test_approving_a_new_item_signs_it_with_the_approving_clinician(client, medical_reviewer_user, make_faq):
    # Changed deliberately (issue 13): approval signs the review, so a missing reviewer is filled in.
    faq = make_faq(status=Status.IN_REVIEW, last_reviewed=None)
    assert faq.reviewer is None
    client.force_login(medical_reviewer_user)
    response = workflow_step(client, faq, "publish")
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.status == Status.PUBLISHED
    assert faq.reviewer == medical_reviewer_user.medical_reviewer
    assert faq.last_reviewed == timezone.localdate()


def test_approving_without_a_linked_reviewer_record_is_refused_with_a_message(client, superuser, make_faq):
    faq = make_faq(status=Status.IN_REVIEW)
    client.force_login(superuser)
    response = workflow_step(client, faq, "publish")
    assert response.status_code == 302
    assert any("not linked to a medical reviewer record" in m for m in messages_of(response))
    faq.refresh_from_db()
    assert faq.status == Status.IN_REVIEW


def test_publishing_without_a_reviewer_by_form_keeps_the_text(client, medical_reviewer_user, make_article):
    article = make_article(status=Status.DRAFT, reviewer=None)
    client.force_login(medical_reviewer_user)
    response = client.post(
        change_url(article), article_form_data(article, status="published", body="Text I must not lose.")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose the medical reviewer who approved this content" in page
    assert "Text I must not lose." in page
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_a_step_that_does_not_fit_the_status_gives_a_message_not_an_error(
    client, medical_reviewer_user, make_article
):
    article = make_article(status=Status.DRAFT)
    client.force_login(medical_reviewer_user)
    response = client.post(
        reverse("admin:education_article_transition", args=[article.pk]), {"step": "archive"}
    )
    assert response.status_code == 302
    assert any("cannot be archived now" in m for m in messages_of(response))
    response = client.post(
        reverse("admin:education_article_transition", args=[article.pk]), {"step": "nonsense"}
    )
    assert response.status_code == 302
    assert any("Unknown workflow step" in m for m in messages_of(response))


def test_workflow_step_url_refuses_get(client, medical_reviewer_user, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(medical_reviewer_user)
    assert client.get(reverse("admin:education_article_transition", args=[article.pk])).status_code == 405


# --- Scheduling ------------------------------------------------------------------------------


def test_publish_at_after_unpublish_at_is_refused_with_a_message(client, medical_reviewer_user, make_article):
    article = make_article(status=Status.PUBLISHED)
    client.force_login(medical_reviewer_user)
    data = article_form_data(
        article,
        publish_at_0="2030-05-02",
        publish_at_1="10:00",
        unpublish_at_0="2030-05-01",
        unpublish_at_1="10:00",
        body="Scheduled text kept.",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "“Unpublish at” must be later than “publish at”." in response.content.decode()
    assert "Scheduled text kept." in response.content.decode()


@pytest.mark.parametrize(
    ("offset", "visible"),
    [(datetime.timedelta(0), True), (-datetime.timedelta(days=1), True), (datetime.timedelta(days=1), False)],
    ids=["now", "past", "future"],
)
def test_scheduled_publish_time_is_honoured_when_patients_ask(client, make_article, offset, visible):
    article = make_article(publish_at=timezone.now() + offset)
    response = client.get(article.get_absolute_url())
    assert response.status_code == (200 if visible else 404)


def test_unpublish_time_in_the_past_hides_the_article(client, make_article):
    article = make_article(unpublish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_admin_list_shows_what_is_scheduled(client, superuser, make_article):
    later = timezone.now() + datetime.timedelta(days=3)
    make_article(title="Coming soon", publish_at=later)
    client.force_login(superuser)
    page = client.get(reverse("admin:education_article_changelist")).content.decode()
    # The "What patients see" column (the list keeps to 7 columns: no separate schedule column).
    assert f"Scheduled for {timezone.localtime(later):%-d %b, %H:%M}" in page
    scheduled = client.get(reverse("admin:education_article_changelist") + "?schedule=scheduled")
    assert "Coming soon" in scheduled.content.decode()


# --- Preview ---------------------------------------------------------------------------------


def test_staff_preview_a_draft_exactly_as_patients_see_it(client, editor, make_article):
    article = make_article(status=Status.DRAFT, title="Not yet public")
    client.force_login(editor)
    page = client.get(reverse("education:article_preview", args=[article.pk])).content.decode()
    assert "Preview." in page
    assert "Patients cannot see this article yet." in page
    assert "<h1>Not yet public</h1>" in page


def test_staff_preview_of_a_scheduled_article(client, editor, make_article):
    article = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    page = client.get(reverse("education:article_preview", args=[article.pk])).content.decode()
    assert "Patients cannot see this article yet." in page


def test_anonymous_visitors_get_404_for_drafts_and_no_preview(client, make_article):
    article = make_article(status=Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    response = client.get(reverse("education:article_preview", args=[article.pk]))
    assert response.status_code == 302  # to the staff sign-in, with nothing of the article
    assert response["Location"].startswith(reverse("admin:login"))
    assert article.title not in response.content.decode()


def test_change_page_links_to_the_preview(client, editor, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert reverse("education:article_preview", args=[article.pk]) in page


def test_review_overdue_note_shows_to_staff_in_preview_only(client, editor, make_article):
    article = make_article(last_reviewed=datetime.date(2000, 1, 1))
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Medical review overdue" not in public
    assert "Medically reviewed by Dr. Test Reviewer" in public
    client.force_login(editor)
    preview = client.get(reverse("education:article_preview", args=[article.pk])).content.decode()
    assert "Medical review overdue" in preview


def test_faq_and_safety_item_admins_keep_their_publish_permission_separate(editor):
    from education.editorial import workflow

    assert not any(workflow.can_publish(editor, model) for model in (Article, FAQ, SafetyItem))
