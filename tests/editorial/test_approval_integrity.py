"""An approval signs exactly what the reviewer saw, driven as an attacker with an Editor's account
would: an approved-for-later change is frozen whatever path an edit comes by, an approval names the
version the reviewer's page showed, and go-live checks the approver's rights and the content again."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from education.editorial import drafts, scheduling
from education.editorial.draft_data import NOT_DRAFTED
from education.editorial.permissions import MEDICAL_REVIEWERS
from education.models import FAQ, Article, Draft, GlossaryTerm, ReviewEvent, Status
from tests.admin_forms import (
    change_url,
    changelist_post,
    discard_confirmed,
    draft_step,
    edit_in_admin,
    workflow_step,
)

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def text_field(obj):
    return {Article: "body", FAQ: "answer", GlossaryTerm: "definition"}[type(obj)]


def approve_for_later(editor_client, reviewer_client, obj, text):
    """The Editor drafts `text`, submits it, and the reviewer approves it to go live in two days."""
    edit_in_admin(editor_client, obj, **{text_field(obj): text})
    draft = Draft.objects.working().for_object(obj).get()
    draft_step(editor_client, draft, "submit", note="")
    later = timezone.localtime() + datetime.timedelta(days=2)
    response = draft_step(reviewer_client, draft, "approve", go_live_at=later.strftime("%Y-%m-%dT%H:%M"))
    draft.refresh_from_db()
    assert draft.state == Draft.State.SCHEDULED, messages_of(response)
    return draft


def go_live(*scheduled):
    """The go-live time passes and the portal applies what is due."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    Draft.objects.filter(pk__in=[d.pk for d in scheduled]).update(go_live_at=past)
    return scheduling.apply_due_drafts()


def live_content_equals(obj, data):
    """The live row holds, field for field, the content of `data` (a draft's approved content)."""
    live = type(obj)._default_manager.get(pk=obj.pk)
    snapshot = drafts.live_snapshot(live, drafts.inline_specs(data))
    skip = {live._meta.get_field(name).attname for name in NOT_DRAFTED if drafts._has_field(live, name)}
    fields = {k: v for k, v in data["fields"].items() if k not in skip}
    return (
        {k: snapshot["fields"][k] for k in fields} == fields
        and {k: snapshot["m2m"][k] for k in data["m2m"]} == data["m2m"]
        and all(snapshot["inlines"][p]["rows"] == spec["rows"] for p, spec in data["inlines"].items())
    )


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def reviewer_client(medical_reviewer_user):
    return signed_in(medical_reviewer_user)


@pytest.mark.parametrize("kind", ["article", "faq", "term"])
def test_an_edit_after_approval_for_later_makes_a_new_draft_and_the_approved_text_goes_live(
    kind, editor_client, reviewer_client, medical_reviewer_user, reviewer, make_article, make_faq, make_term
):
    make_live_faq = lambda: make_faq(reviewer=reviewer, last_reviewed=timezone.localdate())  # noqa: E731
    obj = {"article": make_article, "faq": make_live_faq, "term": make_term}[kind]()
    approved = approve_for_later(editor_client, reviewer_client, obj, "<p>The approved wording.</p>")
    approved_data = approved.data

    # The Editor opens the item again: the form says the approved change is frozen and shows it.
    page = editor_client.get(change_url(obj)).content.decode()
    assert "It is frozen" in page and "The approved wording." in page
    response = edit_in_admin(editor_client, obj, **{text_field(obj): "<p>Rewritten after approval.</p>"})
    assert response.status_code == 302

    approved.refresh_from_db()
    assert approved.state == Draft.State.SCHEDULED and approved.data == approved_data
    newer = Draft.objects.working().for_object(obj).get()
    assert newer.state == Draft.State.DRAFT and "Rewritten after approval." in str(newer.data["fields"])

    assert go_live(approved) == 1
    obj.refresh_from_db()
    assert "The approved wording." in getattr(obj, text_field(obj))
    assert "Rewritten" not in getattr(obj, text_field(obj))
    if kind != "term":
        assert obj.reviewer == medical_reviewer_user.medical_reviewer
    # The rewrite still waits for its own review.
    newer.refresh_from_db()
    assert newer.state == Draft.State.DRAFT


def test_after_an_approval_no_editor_action_changes_what_goes_live(
    editor_client, reviewer_client, reviewer, make_article, make_faq
):
    """Edit, restore, reorder, an inline (references) change and a forged discard, one after the
    other: what goes live is byte for byte what the reviewer approved."""
    article = make_article(body="Old text.")
    first_version = article.history.first()
    approved = approve_for_later(editor_client, reviewer_client, article, "<p>Approved text.</p>")
    signed = approved.approved_hash
    assert signed == drafts.content_hash(approved)

    edit_in_admin(editor_client, article, body="<p>Edited.</p>", **{"references-0-title": "Swapped source"})
    restore = reverse("admin:education_article_restore", args=[article.pk, first_version.history_id])
    assert editor_client.post(restore).status_code == 302
    faq = make_faq(order=1, reviewer=reviewer, last_reviewed=timezone.localdate())
    faq_approved = approve_for_later(editor_client, reviewer_client, faq, "<p>Approved answer.</p>")
    changelist_post(editor_client, faq, order=9)
    forged = draft_step(editor_client, approved, "discard")
    assert forged.status_code == 403
    assert draft_step(editor_client, approved, "submit").status_code == 302  # refused with a message

    for draft in (approved, faq_approved):
        draft.refresh_from_db()
        assert draft.state == Draft.State.SCHEDULED
        assert draft.approved_hash == drafts.content_hash(draft)
    assert approved.approved_hash == signed
    approved_content, faq_content = approved.data, faq_approved.data
    assert go_live(approved, faq_approved) == 2
    assert live_content_equals(article, approved_content)
    assert live_content_equals(faq, faq_content)
    article.refresh_from_db()
    faq.refresh_from_db()
    assert article.references.get().title != "Swapped source" and faq.order == 1
    # Patients see the approved text.
    client = Client()
    assert "Approved text." in client.get(article.get_absolute_url()).content.decode()


def test_a_scheduled_change_altered_by_any_path_does_not_go_live(
    editor_client, reviewer_client, make_article
):
    """Whatever path rewrote it (a bug, a database edit), its fingerprint no longer matches: nothing
    is applied and it goes back to review with a note."""
    article = make_article(body="Live text.")
    approved = approve_for_later(editor_client, reviewer_client, article, "<p>Approved text.</p>")
    data = approved.data
    data["fields"]["body"] = "<p>Slipped in later.</p>"
    Draft.objects.filter(pk=approved.pk).update(data=data)

    assert go_live(approved) == 0
    article.refresh_from_db()
    assert "Live text." in article.body and "Slipped in" not in article.body
    approved.refresh_from_db()
    assert approved.state == Draft.State.IN_REVIEW and approved.approved_by is None
    note = approved.events.filter(kind="sent_back").get().note
    assert "not the version that was approved" in note and "Nothing was changed" in note


def test_an_approval_does_not_outlive_the_approvers_rights(
    editor_client, reviewer_client, medical_reviewer_user, make_article
):
    article = make_article(body="Live text.")
    approved = approve_for_later(editor_client, reviewer_client, article, "<p>Approved text.</p>")
    medical_reviewer_user.groups.remove(Group.objects.get(name=MEDICAL_REVIEWERS))
    medical_reviewer_user.is_active = False
    medical_reviewer_user.save()

    assert go_live(approved) == 0
    article.refresh_from_db()
    assert "Live text." in article.body
    approved.refresh_from_db()
    assert approved.state == Draft.State.IN_REVIEW
    assert "no longer an active medical reviewer" in approved.events.filter(kind="sent_back").get().note
    client = Client()
    assert "Approved text." not in client.get(article.get_absolute_url()).content.decode()


def test_an_approval_of_an_older_page_is_refused_and_says_what_changed(
    editor_client, reviewer_client, make_article
):
    article = make_article(body="Live text.")
    edit_in_admin(editor_client, article, body="<p>Submitted text.</p>")
    draft = Draft.objects.get()
    draft_step(editor_client, draft, "submit", note="")
    seen = reviewer_client.get(draft.get_absolute_url()).content.decode()
    assert f'name="version" value="{draft.version}"' in seen
    shown_version = draft.version

    # A second tab: the Editor saves again while the reviewer reads.
    edit_in_admin(editor_client, article, body="<p>Changed while the reviewer read.</p>")
    response = draft_step(reviewer_client, draft, "approve", version=shown_version)
    assert any("saved this draft again" in m and "changed: body" in m for m in messages_of(response))
    article.refresh_from_db()
    assert "Live text." in article.body
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW and draft.approved_by is None

    # A forged approval that names no version is refused too.
    response = draft_step(reviewer_client, draft, "approve", version="")
    assert any("did not say which version" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW

    # Approving the page as it is now publishes exactly that.
    draft_step(reviewer_client, draft, "approve")
    article.refresh_from_db()
    assert "Changed while the reviewer read." in article.body
    assert "Signed version" in draft.events.get(kind="approved").note


def test_publishing_a_new_item_signs_the_version_the_reviewer_read(
    editor_client, reviewer_client, make_article
):
    article = make_article(status=Status.IN_REVIEW, body="First text.", reviewer=None)
    page = reviewer_client.get(change_url(article)).content.decode()
    assert f'name="version" value="{article.version}"' in page
    shown_version = article.version

    edit_in_admin(editor_client, article, body="<p>Edited after the reviewer opened it.</p>")
    transition = reverse("admin:education_article_transition", args=[article.pk])
    response = reviewer_client.post(transition, {"step": "publish", "version": shown_version})
    assert any("was not published" in m and "changed: body" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    response = reviewer_client.post(transition, {"step": "publish"})
    assert any("did not say which version" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    workflow_step(reviewer_client, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and "Edited after the reviewer opened it." in article.body


def test_only_a_reviewer_cancels_an_approved_change(editor_client, reviewer_client, editor, make_article):
    article = make_article()
    approved = approve_for_later(editor_client, reviewer_client, article, "<p>Approved.</p>")
    editor_page = editor_client.get(approved.get_absolute_url()).content.decode()
    assert "Cancel this approved change" not in editor_page
    assert draft_step(editor_client, approved, "discard").status_code == 403
    approved.refresh_from_db()
    assert approved.state == Draft.State.SCHEDULED

    assert "Cancel this approved change" in reviewer_client.get(approved.get_absolute_url()).content.decode()
    assert discard_confirmed(editor_client, approved).status_code == 403
    discard_confirmed(reviewer_client, approved)
    approved.refresh_from_db()
    assert approved.state == Draft.State.DISCARDED
    assert go_live(approved) == 0


def test_approving_the_newer_draft_replaces_the_scheduled_change_it_includes(
    editor_client, reviewer_client, make_article
):
    article = make_article(title="Aftercare", body="Live text.")
    approved = approve_for_later(editor_client, reviewer_client, article, "<p>Approved text.</p>")
    edit_in_admin(editor_client, article, title="Aftercare at home")
    newer = Draft.objects.working().for_object(article).get()
    draft_step(editor_client, newer, "submit", note="")

    response = draft_step(reviewer_client, newer, "approve")
    assert any("replaces the change approved for" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.title == "Aftercare at home" and "Approved text." in article.body
    approved.refresh_from_db()
    assert approved.state == Draft.State.DISCARDED
    replaced = ReviewEvent.objects.filter(draft=approved, note__contains="Replaced by a later approved")
    assert replaced.exists()
