"""Bad input around drafts: a deleted live item, a deleted topic, two reviewers at once, two
people editing the same draft or the draft and the live row. A clear message, never a 500,
never lost text."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client

from education.models import Draft, MedicalReviewer, Topic
from education.text.richtext import html_to_text
from tests.admin_forms import change_url, draft_step, edit_in_admin, form_data

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_approving_a_draft_whose_live_item_was_deleted_says_so_and_keeps_the_text(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Soon gone")
    client.force_login(editor)
    edit_in_admin(client, article, body="Text worth keeping.")
    draft = Draft.objects.get()
    article.delete()
    client.force_login(medical_reviewer_user)
    response = draft_step(client, draft, "approve")
    assert response.status_code == 302
    assert any("was deleted after this draft was made" in m for m in messages_of(response))
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Text worth keeping." in page.content.decode()  # under "Draft contents", to copy


def test_a_draft_pointing_at_a_deleted_topic_is_refused_with_a_message(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article()
    new_topic = Topic.objects.create(name="Short-lived", slug="short-lived", summary="Soon deleted.")
    client.force_login(editor)
    edit_in_admin(client, article, topic=new_topic.pk, body="Moved to a new topic.")
    draft = Draft.objects.get()
    new_topic.delete()

    client.force_login(medical_reviewer_user)
    review = client.get(draft.get_absolute_url())
    assert review.status_code == 200
    assert "(deleted topic #" in review.content.decode()
    response = draft_step(client, draft, "approve")
    assert any("The topic chosen in this draft was deleted meanwhile" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.topic.slug == "chronic-pain"
    client.force_login(editor)
    reopened = client.get(change_url(article))  # the draft still opens for editing
    assert reopened.status_code == 200
    assert "Moved to a new topic." in reopened.content.decode()


def test_approving_after_the_signing_reviewer_record_was_deleted(
    client, editor, medical_reviewer_user, make_faq
):
    faq = make_faq(reviewer=MedicalReviewer.objects.create(name="Dr. Old", credentials="MD"))
    client.force_login(editor)
    edit_in_admin(client, faq, answer="New answer.")
    MedicalReviewer.objects.filter(user=medical_reviewer_user).delete()
    medical_reviewer_user.refresh_from_db()
    client.force_login(medical_reviewer_user)
    response = draft_step(client, Draft.objects.get(), "approve")
    assert any("not linked to a medical reviewer record" in m for m in messages_of(response))
    faq.refresh_from_db()
    assert html_to_text(faq.answer).strip() == "An answer."


def test_a_second_approval_of_the_same_draft_is_told_it_was_already_approved(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article()
    client.force_login(editor)
    edit_in_admin(client, article, body="Approved once.")
    draft = Draft.objects.get()
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "approve")
    version = type(article).objects.get(pk=article.pk).version
    response = draft_step(client, draft, "approve")
    assert any("already approved and live" in m for m in messages_of(response))
    assert type(article).objects.get(pk=article.pk).version == version


def test_two_editors_saving_the_same_draft_the_second_is_refused_with_text_kept(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    edit_in_admin(client, article, body="Draft one.")
    url = change_url(article)
    stale = form_data(client.get(url))
    edit_in_admin(client, article, body="Draft two by a colleague.")
    response = client.post(url, stale | {"body": "My own rewrite."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "saved a draft of this item" in page and "after you opened it" in page
    assert "My own rewrite." in page
    assert Draft.objects.get().data["fields"]["body"] == "Draft two by a colleague."


def test_editor_form_opened_before_a_live_change_is_refused(client, editor, make_article):
    article = make_article(body="Live one.")
    client.force_login(editor)
    url = change_url(article)
    stale = form_data(client.get(url))
    article.body = "Live two, by a reviewer."
    article.save()
    response = client.post(url, stale | {"body": "Editor's text."})
    assert response.status_code == 200
    assert "Editor&#x27;s text." in response.content.decode()
    assert not Draft.objects.exists()


def test_a_live_change_made_while_a_draft_was_open_is_kept_unless_both_changed_it(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(summary="Live summary.", body="Live body.")
    client.force_login(editor)
    edit_in_admin(client, article, body="Draft body.")
    draft = Draft.objects.get()
    article.summary = "Reviewer's newer summary."
    article.save()
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "approve")
    article.refresh_from_db()
    assert (article.summary, article.body) == ("Reviewer's newer summary.", "Draft body.")


def test_conflicting_changes_to_the_same_field_are_refused_with_both_texts_kept(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(body="Live body.")
    client.force_login(editor)
    edit_in_admin(client, article, body="Draft body.")
    draft = Draft.objects.get()
    article.body = "Reviewer's direct fix."
    article.save()
    client.force_login(medical_reviewer_user)
    response = draft_step(client, draft, "approve")
    assert any("Not approved" in m and "changed in body" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.body == "Reviewer's direct fix."
    assert Draft.objects.get().data["fields"]["body"] == "Draft body."


def test_unknown_step_and_get_are_handled(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    edit_in_admin(client, article, body="x")
    draft = Draft.objects.get()
    assert any("Unknown step" in m for m in messages_of(draft_step(client, draft, "nonsense")))
    assert client.get(f"/admin/education/draft/{draft.pk}/step/").status_code == 405
    assert client.get("/admin/education/draft/999999/change/").status_code == 404
    assert draft_step(client, draft, "approve").status_code == 403  # an Editor cannot approve


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_approving_at_the_same_moment_apply_it_once(
    editor, medical_reviewer_user, make_article
):
    """The first approval holds the draft's row lock; the second waits, then finds it approved."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL row lock; on SQLite one of two overlapping writes fails instead")
    from django.contrib.auth.models import Group, User

    second_user = User.objects.create_user("clinician2", is_staff=True)
    second_user.groups.add(Group.objects.get(name="Medical reviewers"))
    MedicalReviewer.objects.create(user=second_user, name="Dr. Second", credentials="MD")
    article = make_article(body="Live.")
    editor_client = Client()
    editor_client.force_login(editor)
    edit_in_admin(editor_client, article, body="Approved exactly once.")
    draft = Draft.objects.get()
    version = type(article).objects.get(pk=article.pk).version

    from education.editorial import drafts

    apply = drafts.apply
    first_is_applying, let_first_finish = threading.Event(), threading.Event()

    def slow_apply(draft, live, user, *args, **kwargs):
        if user == medical_reviewer_user:
            first_is_applying.set()
            let_first_finish.wait(10)
        return apply(draft, live, user, *args, **kwargs)

    responses = {}

    def post(name, user):
        client = Client()
        client.force_login(user)
        try:
            responses[name] = draft_step(client, draft, "approve")
        finally:
            connections.close_all()

    drafts.apply = slow_apply
    try:
        first = threading.Thread(target=post, args=("first", medical_reviewer_user))
        second = threading.Thread(target=post, args=("second", second_user))
        first.start()
        assert first_is_applying.wait(10)
        second.start()
        second.join(0.5)  # waits on the draft's row lock
        let_first_finish.set()
        first.join(20)
        second.join(20)
    finally:
        drafts.apply = apply

    assert responses["first"].status_code == responses["second"].status_code == 302
    assert any("approved and is live now" in m for m in messages_of(responses["first"]))
    assert any("already approved and live" in m for m in messages_of(responses["second"]))
    assert type(article).objects.get(pk=article.pk).version == version + 1
    assert type(article).objects.get(pk=article.pk).body == "Approved exactly once."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_and_an_approval_of_the_same_item_at_once_both_get_a_clear_answer(
    editor, medical_reviewer_user, make_article
):
    """One lock order (the live row, then its draft) for every path: the Editor's save waits for the
    approval instead of deadlocking with it, then says the draft it opened was approved meanwhile."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL row lock; SQLite takes its write lock for the whole transaction")
    article = make_article(body="Live.")
    editor_client = Client()
    editor_client.force_login(editor)
    edit_in_admin(editor_client, article, body="Submitted text.")
    draft = Draft.objects.get()
    edit_form = form_data(editor_client.get(change_url(article)))  # a tab opened on the draft

    from education.editorial import workflow

    # The approval pauses once it holds its first locks (it signs before it reads the live row's
    # content); with the draft locked before the article, the save's article-then-draft deadlocked.
    signing_reviewer = workflow.signing_reviewer
    approving, let_approval_finish = threading.Event(), threading.Event()

    def slow_signing(user):
        approving.set()
        let_approval_finish.wait(10)
        return signing_reviewer(user)

    responses = {}

    def approve():
        client = Client()
        client.force_login(medical_reviewer_user)
        try:
            responses["approve"] = draft_step(client, draft, "approve")
        finally:
            connections.close_all()

    def save():
        try:
            responses["save"] = editor_client.post(change_url(article), {**edit_form, "body": "Late edit."})
        finally:
            connections.close_all()

    workflow.signing_reviewer = slow_signing
    try:
        approver = threading.Thread(target=approve)
        saver = threading.Thread(target=save)
        approver.start()
        assert approving.wait(10)
        saver.start()
        saver.join(1.5)  # the save waits on the article's row lock
        let_approval_finish.set()
        approver.join(20)
        saver.join(20)
    finally:
        workflow.signing_reviewer = signing_reviewer

    assert responses["approve"].status_code == 302
    assert any("approved and is live now" in m for m in messages_of(responses["approve"]))
    assert responses["save"].status_code == 200
    assert "Not saved: the draft you opened was approved or discarded meanwhile" in (
        responses["save"].content.decode()
    )
    assert "Late edit." in responses["save"].content.decode()  # the text is kept in the form
    assert html_to_text(type(article).objects.get(pk=article.pk).body).strip() == "Submitted text."
