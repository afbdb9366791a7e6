"""Issue 31: no action loses work, and one review conversation for every item, new or live.

Submitting saves the form first (an invalid or stale form submits nothing); discarding asks first and
keeps the draft, restorable; a restore brings back content only; a new item is sent back with a
required comment; the drafts list, its filters and the home page panels list the same items."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from education.editorial import panels
from education.models import Article, Draft, MedicalReviewer, ReviewEvent, Status
from education.text.markdown import render_markdown
from tests.admin_forms import (
    change_url,
    discard_confirmed,
    draft_step,
    edit_in_admin,
    form_data,
    save_and_submit,
    workflow_step,
)

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def kinds(obj):
    return list(
        ReviewEvent.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name).values_list(
            "kind", flat=True
        )
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(medical_reviewer_user):
    from django.test import Client

    other = Client()
    other.force_login(medical_reviewer_user)
    return other


# --- Submit saves the form first -----------------------------------------------------------------


def test_save_and_submit_on_a_new_article_sends_the_text_in_the_form(editor_client, make_article):
    article = make_article(status=Status.DRAFT, reviewer=None, body="Old text.")
    response = save_and_submit(editor_client, article, note="Ready", body="<p>New text typed just now.</p>")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert "New text typed just now." in article.body
    assert any(m.startswith("Saved and sent for medical review") for m in messages_of(response))
    submitted = ReviewEvent.objects.get(kind="submitted", object_id=article.pk)
    assert submitted.note == "Ready" and submitted.user.username == "editor"


def test_save_and_submit_on_a_live_article_submits_a_draft_of_the_new_text(editor_client, make_article):
    article = make_article(body="Live text.")
    response = save_and_submit(editor_client, article, note="Dose fixed", body="<p>Draft text.</p>")
    draft = Draft.objects.get(new_item=False)
    assert response.url == reverse("admin:education_draft_change", args=[draft.pk])
    assert draft.state == Draft.State.IN_REVIEW and draft.note == "Dose fixed"
    assert "Draft text." in draft.data["fields"]["body"]
    article.refresh_from_db()
    assert article.body == render_markdown("Live text.")  # patients keep the live version
    assert any(m.startswith("Saved and sent for medical review") for m in messages_of(response))


def test_a_sent_back_draft_is_saved_and_resubmitted_with_one_button(
    editor_client, reviewer_client, make_article
):
    article = make_article()
    save_and_submit(editor_client, article, body="<p>First try.</p>")
    draft = Draft.objects.get(new_item=False)
    draft_step(reviewer_client, draft, "send_back", comment="Say when to stop eating.")
    page = editor_client.get(change_url(article)).content.decode()
    assert "Save and resubmit for medical review" in page
    save_and_submit(editor_client, article, body="<p>Second try: stop eating 6 hours before.</p>")
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW
    assert "Second try" in draft.data["fields"]["body"]


def test_invalid_form_with_save_and_submit_shows_errors_and_submits_nothing(editor_client, make_article):
    new = make_article(status=Status.DRAFT, reviewer=None)
    response = save_and_submit(editor_client, new, title="")
    assert response.status_code == 200 and response.context["adminform"].form.errors
    new.refresh_from_db()
    assert new.status == Status.DRAFT and "submitted" not in kinds(new)

    live = make_article()
    response = save_and_submit(editor_client, live, title="")
    assert response.status_code == 200
    assert not Draft.objects.filter(new_item=False).exists()


def test_save_and_submit_from_a_stale_page_is_refused_and_submits_nothing(
    editor_client, reviewer_client, make_article
):
    article = make_article(status=Status.DRAFT, reviewer=None, body="Start.")
    stale = form_data(editor_client.get(change_url(article)))
    edit_in_admin(reviewer_client, article, body="<p>The reviewer's fix.</p>")  # saved meanwhile
    stale |= {"body": "<p>My older page's text.</p>", "_save_and_submit": "1", "_review_note": ""}
    response = editor_client.post(change_url(article), stale)
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT and "reviewer's fix" in article.body


def test_a_forged_submit_to_the_step_address_does_not_submit_the_saved_text(editor_client, make_article):
    article = make_article(status=Status.DRAFT, reviewer=None)
    response = workflow_step(editor_client, article, "submit")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert any("Save and submit for medical review" in m for m in messages_of(response))


def test_approval_does_not_save_unsaved_edits_posted_with_it(reviewer_client, make_article):
    """An approval signs the version the reviewer read; text posted with it is never saved with it."""
    article = make_article(status=Status.IN_REVIEW, body="Reviewed text.")
    workflow_step(reviewer_client, article, "publish", body="<p>Unsaved edit.</p>")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.body == render_markdown("Reviewed text.")


def test_save_and_submit_is_a_button_of_the_form_after_save(editor_client, make_article):
    """Inside the form (so its fields are posted), and after Save: Enter in a field presses the first
    button, which must stay a plain Save, never a submission."""
    page = editor_client.get(change_url(make_article(status=Status.DRAFT, reviewer=None))).content.decode()
    form = page[page.index('id="article_form"') :]
    form = form[: form.index("</form>")]
    assert 'name="_review_note"' in form
    assert form.index('name="_save"') < form.index('name="_save_and_submit"')
    assert form.count('type="submit"') >= 2 and "Save and submit for medical review" in form


def test_the_change_page_loads_the_unsaved_changes_warning(editor_client, make_article):
    page = editor_client.get(change_url(make_article())).content.decode()
    assert "admin-extra/unsaved.js" in page


# --- Discard asks first, and the draft can be restored ---------------------------------------------


def test_discard_asks_first_and_a_bare_post_does_not_discard(editor_client, make_article):
    article = make_article()
    edit_in_admin(editor_client, article, body="<p>Work worth keeping.</p>")
    draft = Draft.objects.get(new_item=False)
    forged = draft_step(editor_client, draft, "discard")
    assert forged.url == reverse("admin:education_draft_discard", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.state == Draft.State.DRAFT
    page = editor_client.get(forged.url).content.decode()
    assert "Yes, discard the draft" in page and "No, take me back" in page
    # A post to the confirmation page without its confirmation only shows the question again.
    editor_client.post(forged.url, {"version": draft.version})
    draft.refresh_from_db()
    assert draft.state == Draft.State.DRAFT


def test_a_discarded_draft_is_kept_and_restored_with_its_text(editor_client, make_article):
    article = make_article()
    edit_in_admin(editor_client, article, body="<p>Work worth keeping.</p>")
    draft = Draft.objects.get(new_item=False)
    response = discard_confirmed(editor_client, draft)
    assert any("discarded" in m and "restore" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.state == Draft.State.DISCARDED
    listed = editor_client.get(reverse("admin:education_draft_changelist"), {"state": "discarded"})
    assert list(listed.context["cl"].result_list) == [draft]

    assert "Restore this draft" in editor_client.get(draft.get_absolute_url()).content.decode()
    response = draft_step(editor_client, draft, "restore")
    draft.refresh_from_db()
    assert draft.state == Draft.State.DRAFT and "Work worth keeping." in draft.data["fields"]["body"]
    assert kinds(article)[-2:] == ["restored", "saved"]
    assert "Work worth keeping." in editor_client.get(change_url(article)).content.decode()


def test_a_discarded_draft_is_not_restored_over_another_open_draft(editor_client, make_article):
    article = make_article()
    edit_in_admin(editor_client, article, body="<p>First.</p>")
    first = Draft.objects.get(new_item=False)
    discard_confirmed(editor_client, first)
    edit_in_admin(editor_client, article, body="<p>Second.</p>")
    response = draft_step(editor_client, first, "restore")
    assert any("another open draft" in m for m in messages_of(response))
    first.refresh_from_db()
    assert first.state == Draft.State.DISCARDED


def test_discarding_from_a_stale_confirmation_page_is_refused(editor_client, make_article):
    article = make_article()
    edit_in_admin(editor_client, article, body="<p>First.</p>")
    draft = Draft.objects.get(new_item=False)
    seen = draft.version
    edit_in_admin(editor_client, article, body="<p>Saved after the question was shown.</p>")
    response = discard_confirmed(editor_client, draft, version=seen)
    assert any("Not discarded" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.state == Draft.State.DRAFT


# --- Restore brings back content only ------------------------------------------------------------


def test_restoring_an_old_version_keeps_todays_review_details(client, superuser, make_article, reviewer):
    old_reviewer = MedicalReviewer.objects.create(name="Dr. Former", credentials="MD")
    article = make_article(
        body="Old text.", reviewer=old_reviewer, last_reviewed=datetime.date(2024, 1, 5), is_demo=True
    )
    old = article.history.first()
    article.body, article.reviewer, article.is_demo = render_markdown("New text."), reviewer, False
    article.last_reviewed = timezone.localdate()
    article.review_notes = "Checked against the 2026 label."
    article.save()
    client.force_login(superuser)
    client.post(reverse("admin:education_article_restore", args=[article.pk, old.history_id]))
    article.refresh_from_db()
    assert article.body == render_markdown("Old text.")
    assert article.reviewer == reviewer and article.last_reviewed == timezone.localdate()
    assert article.is_demo is False and article.review_notes == "Checked against the 2026 label."
    assert article.status == Status.PUBLISHED


def test_an_editors_restore_draft_carries_no_old_review_details(editor_client, make_article, reviewer):
    old_reviewer = MedicalReviewer.objects.create(name="Dr. Former", credentials="MD")
    article = make_article(body="Old text.", reviewer=old_reviewer, is_demo=True)
    old = article.history.first()
    article.body, article.reviewer, article.is_demo = render_markdown("New text."), reviewer, False
    article.save()
    editor_client.post(reverse("admin:education_article_restore", args=[article.pk, old.history_id]))
    fields = Draft.objects.get(new_item=False).data["fields"]
    assert "Old text." in fields["body"]
    assert fields["reviewer_id"] == reviewer.pk and fields["is_demo"] is False


# --- One review conversation for every item --------------------------------------------------------


def test_a_new_item_is_sent_back_with_a_required_comment_the_editor_sees(
    editor_client, reviewer_client, make_article
):
    article = make_article(title="Brand new", status=Status.DRAFT, reviewer=None)
    save_and_submit(editor_client, article)
    assert "Send back with comment" in reviewer_client.get(change_url(article)).content.decode()

    refused = workflow_step(reviewer_client, article, "send_back", comment="  ")
    assert any("write a comment" in m for m in messages_of(refused))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    workflow_step(reviewer_client, article, "send_back", comment="Add the fasting times.")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert Draft.objects.get(new_item=True).state == Draft.State.SENT_BACK
    page = editor_client.get(change_url(article)).content.decode()
    assert "Add the fasting times." in page and "Save and resubmit for medical review" in page
    panel = editor_client.get(reverse("admin:index")).content.decode()
    assert "Brand new" in panel[panel.index('id="review-queue"') :]


def test_an_editor_cannot_send_back_or_withdraw_for_a_reviewer(editor_client, make_article):
    article = make_article(status=Status.IN_REVIEW, reviewer=None)
    response = workflow_step(editor_client, article, "send_back", comment="Forged")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_every_step_of_a_new_item_is_recorded_with_who_and_shown_on_it(
    editor_client, reviewer_client, make_article, medical_reviewer_user
):
    article = make_article(status=Status.DRAFT, reviewer=None)
    edit_in_admin(editor_client, article, summary="Saved once.")
    save_and_submit(editor_client, article, note="Please look")
    workflow_step(reviewer_client, article, "send_back", comment="Shorter, please.")
    save_and_submit(editor_client, article, summary="Shorter.")
    workflow_step(reviewer_client, article, "publish")
    # Created (by the test, no user), saved, then each "Save and submit" is a save and a submission.
    assert kinds(article) == [
        *("saved", "saved", "saved", "submitted"),
        *("sent_back", "saved", "submitted", "approved"),
    ]
    events = ReviewEvent.objects.filter(object_id=article.pk).exclude(user=None)
    assert len(events) == 7 and {e.user.username for e in events} == {"editor", "clinician"}
    page = reviewer_client.get(change_url(article)).content.decode()
    for shown in ("submitted for review", "sent back", "Shorter, please.", "approved", "Please look"):
        assert shown in page
    assert Draft.objects.get(new_item=True).state == Draft.State.APPLIED


def test_drafts_list_filters_and_home_panels_list_the_same_items(
    editor_client, reviewer_client, make_article, make_faq, reviewer
):
    new = make_article(title="Brand new article", status=Status.DRAFT, reviewer=None)
    live = make_faq(question="Live question?", reviewer=reviewer, last_reviewed=timezone.localdate())
    save_and_submit(editor_client, new)
    save_and_submit(editor_client, live, answer="<p>Changed answer.</p>")
    drafts_url = reverse("admin:education_draft_changelist")

    home = reviewer_client.get(reverse("admin:index")).content.decode()
    assert f"{panels.AWAITING_REVIEW} (2)" in home
    queue = reviewer_client.get(drafts_url, {"show": "review"}).context["cl"]
    assert queue.result_count == 2
    assert {d.title for d in queue.result_list} == {"Brand new article", "Live question?"}
    in_review = reviewer_client.get(drafts_url, {"state": "in_review"}).context["cl"]
    assert in_review.result_count == 2

    editor_home = editor_client.get(reverse("admin:index")).content.decode()
    assert f"{panels.YOUR_DRAFTS} (2)" in editor_home
    mine = editor_client.get(drafts_url, {"show": "mine"}).context["cl"]
    assert {d.title for d in mine.result_list} == {"Brand new article", "Live question?"}
    everything = editor_client.get(drafts_url).context["cl"]
    assert everything.result_count == 2  # the brand-new article is no longer missing from the list

    workflow_step(reviewer_client, new, "publish")
    assert f"{panels.AWAITING_REVIEW} (1)" in reviewer_client.get(reverse("admin:index")).content.decode()
    assert reviewer_client.get(drafts_url, {"show": "review"}).context["cl"].result_count == 1


def test_a_new_items_draft_row_opens_the_item_and_takes_no_draft_steps(
    editor_client, reviewer_client, make_article
):
    article = make_article(status=Status.IN_REVIEW, reviewer=None)
    tracker = Draft.objects.get(new_item=True)
    assert reviewer_client.get(tracker.get_absolute_url()).url == change_url(article)
    response = draft_step(reviewer_client, tracker, "approve")  # forged: the row holds no content
    assert any("is a new item" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW and tracker.events.filter(kind="approved").count() == 0


def test_deleting_a_new_item_takes_it_off_the_queue(reviewer_client, make_article):
    article = make_article(status=Status.IN_REVIEW, reviewer=None)
    Article.objects.get(pk=article.pk).delete()
    assert Draft.objects.working().count() == 0
