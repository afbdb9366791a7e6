"""The review conversation: submit with a note, send back with a required comment, the queue on the
admin home page for reviewers and editors, and the e-mails (locmem backend)."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from education.editorial.permissions import MEDICAL_REVIEWERS
from education.models import Draft, MedicalReviewer, Status
from tests.admin_forms import draft_step, edit_in_admin, save_and_submit

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def _run_on_commit(monkeypatch):
    """The tests run inside one transaction: run each step's after-commit work (e-mail) at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def mailed(settings, editor, medical_reviewer_user):
    settings.EMAIL_BACKEND = LOCMEM
    editor.email, medical_reviewer_user.email = "editor@example.org", "clinician@example.org"
    editor.save()
    medical_reviewer_user.save()


def queue_of(response):
    page = response.content.decode()
    return page[page.index('id="review-queue"') : page.index('id="review-due"')]


def submitted_draft(client, editor, obj, note="Fixed the phone number", **changes):
    client.force_login(editor)
    edit_in_admin(client, obj, **changes)
    draft = Draft.objects.get()
    draft_step(client, draft, "submit", note=note)
    draft.refresh_from_db()
    return draft


def test_queue_on_the_admin_home_lists_what_awaits_review_oldest_first_with_note(
    client, editor, medical_reviewer_user, make_article, make_faq, reviewer
):
    first = make_article(title="Older submission")
    second = make_faq(question="Newer submission?", reviewer=reviewer)
    submitted_draft(client, editor, first, note="Please check the dose", body="Changed.")
    client.force_login(editor)
    edit_in_admin(client, second, answer="Changed.")
    draft_step(client, Draft.objects.get(object_id=second.pk, content_type__model="faq"), "submit", note="")

    client.force_login(medical_reviewer_user)
    page = queue_of(client.get(reverse("admin:index")))
    assert "Drafts awaiting review (2)" in page
    assert page.index("Older submission") < page.index("Newer submission?")
    assert "Please check the dose" in page
    assert ">editor<" in page


def test_editors_see_their_own_drafts_and_their_state(client, editor, medical_reviewer_user, make_article):
    article = make_article(title="My article")
    draft = submitted_draft(client, editor, article, body="Changed.")
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "send_back", comment="Please cite a source")
    client.force_login(editor)
    page = queue_of(client.get(reverse("admin:index")))
    assert "Your drafts (1)" in page
    assert "My article" in page and "Sent back for changes" in page


def test_the_drafts_list_filters_by_state_and_kind_with_counts(
    client, editor, medical_reviewer_user, make_article
):
    submitted_draft(client, editor, make_article(), body="Changed.")
    client.force_login(medical_reviewer_user)
    page = client.get(reverse("admin:education_draft_changelist") + "?state=in_review").content.decode()
    assert "In review" in page and "(1)" in page  # facet counts next to each choice


def test_send_back_without_a_comment_is_refused_and_the_draft_stays_in_review(
    client, editor, medical_reviewer_user, make_article
):
    draft = submitted_draft(client, editor, make_article(), body="Changed.")
    client.force_login(medical_reviewer_user)
    response = draft_step(client, draft, "send_back", comment="   ")
    assert response.status_code == 302
    assert any("cannot be sent back without one" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW


def test_reviewers_are_emailed_on_submit_and_the_submitter_on_send_back_and_approval(
    client, editor, medical_reviewer_user, make_article, mailed
):
    article = make_article(title="Getting home")
    draft = submitted_draft(client, editor, article, note="Changed who drives you", body="Changed.")
    assert [m.to for m in mail.outbox] == [["clinician@example.org"]]
    assert "Getting home" in mail.outbox[0].subject
    assert "Changed who drives you" in mail.outbox[0].body
    assert f"/admin/education/draft/{draft.pk}/change/" in mail.outbox[0].body

    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "send_back", comment="Say a taxi is fine too")
    assert mail.outbox[1].to == ["editor@example.org"]
    assert "Say a taxi is fine too" in mail.outbox[1].body

    client.force_login(editor)
    draft_step(client, draft, "submit", note="Added taxis")
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "approve")
    assert mail.outbox[-1].to == ["editor@example.org"]
    assert mail.outbox[-1].subject == "Approved: Getting home"


def test_nothing_is_sent_when_email_is_not_set_up_and_the_admin_says_so_once(
    client, editor, medical_reviewer_user, make_article, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    monkeypatch.delenv("DJANGO_EMAIL_BACKEND", raising=False)
    medical_reviewer_user.email = "clinician@example.org"
    medical_reviewer_user.save()
    article = make_article()
    client.force_login(editor)
    first = client.get(reverse("admin:education_article_change", args=[article.pk]))
    assert any("E-mail is not set up" in m for m in messages_of(first))
    second = client.get(reverse("admin:education_article_change", args=[article.pk]))
    assert not any("E-mail is not set up" in m for m in messages_of(second))
    submitted_draft(client, editor, article, body="Changed.")
    assert mail.outbox == []


def test_a_new_item_submitted_with_a_note_is_in_the_queue(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Brand new article", status=Status.DRAFT)
    client.force_login(editor)
    save_and_submit(client, article, note="First go")
    client.force_login(medical_reviewer_user)
    page = queue_of(client.get(reverse("admin:index")))
    assert "Brand new article" in page and "First go" in page


def test_reviewers_of_other_groups_are_not_emailed(client, editor, make_article, mailed):
    outsider = User.objects.create_user("outsider", email="outsider@example.org", is_staff=True)
    assert not outsider.groups.exists()
    second = User.objects.create_user("second", email="second@example.org", is_staff=True)
    second.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    MedicalReviewer.objects.create(user=second, name="Dr. Second", credentials="MD")
    submitted_draft(client, editor, make_article(), body="Changed.")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["clinician@example.org", "second@example.org"]
