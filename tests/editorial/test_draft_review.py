"""Reviewing a draft: side-by-side preview, a diff that ignores whitespace-only changes,
approval scheduled for later, plain-words statuses, and restoring an old version as a draft."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from education.admin.drafts import status_text
from education.editorial import drafts, scheduling, workflow
from education.models import Article, Draft, Status
from education.text.richtext import html_to_text
from tests.admin_forms import change_url, draft_step, edit_in_admin, form_data

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def article_with_draft(client, editor, make_article):
    article = make_article(title="Aftercare", body="## After\n\nRest at home today.")
    client.force_login(editor)
    # What the rich-text editor sends: HTML.
    edit_in_admin(client, article, body="<h2>After</h2>\n<p>Rest at home today and tomorrow.</p>")
    return article, Draft.objects.get()


def test_review_page_previews_draft_and_live_side_by_side(client, medical_reviewer_user, article_with_draft):
    article, draft = article_with_draft
    client.force_login(medical_reviewer_user)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    preview = reverse("education:draft_preview", args=[draft.pk])
    assert f'<iframe src="{preview}?show=live"' in html and f'<iframe src="{preview}"' in html
    assert "frame-src 'self'" in page["Content-Security-Policy"]
    # One changed paragraph, the new words marked (and named for screen readers); the heading is unchanged.
    assert html.count('class="diff-block diff-changed') == 1
    assert '<ins><span class="visually-hidden">added: </span> and tomorrow</ins>' in html
    assert "<del>" not in html

    draft_page = client.get(preview)
    assert draft_page.status_code == 200
    assert draft_page["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in draft_page["Content-Security-Policy"]
    assert "Rest at home today and tomorrow." in draft_page.content.decode()
    live_page = client.get(preview + "?show=live").content.decode()
    assert "Rest at home today." in live_page and "and tomorrow" not in live_page


def test_draft_preview_is_staff_only(client, article_with_draft):
    _article, draft = article_with_draft
    client.logout()
    response = client.get(reverse("education:draft_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert "tomorrow" not in response.content.decode()


@pytest.mark.parametrize("kind", ["faq", "safetyitem"])
def test_faq_and_safety_drafts_have_a_patient_preview(
    client, editor, reviewer, make_faq, make_safety_item, kind
):
    obj = make_faq(reviewer=reviewer) if kind == "faq" else make_safety_item(reviewer=reviewer)
    field = "answer" if kind == "faq" else "guidance"
    client.force_login(editor)
    edit_in_admin(client, obj, **{field: "Wording for the preview."})
    response = client.get(reverse("education:draft_preview", args=[Draft.objects.get().pk]))
    assert response.status_code == 200
    assert "Wording for the preview." in response.content.decode()


def test_line_endings_and_trailing_spaces_are_not_changes(client, editor, make_article):
    article = make_article(key_points="First point\nSecond point", body="## A\n\nText.")
    client.force_login(editor)
    data = form_data(client.get(change_url(article)))
    data["key_points"] = "First point  \r\nSecond point\r\n"  # what a browser's textarea sends
    data["body"] = "## A\r\n\r\nText changed."
    client.post(change_url(article), data)
    rows = drafts.draft_diff(Draft.objects.get(), article)
    assert [row["label"] for row in rows] == ["Body"]


def test_history_diff_ignores_whitespace_only_changes(make_article, superuser):
    article = make_article(key_points="First point\nSecond point", body="Old.")
    article.key_points, article.body = "First point\r\nSecond point\r\n", "New."
    article.save()
    newer = article.history.first()
    labels = [row["label"] for row in workflow.version_diff(newer.prev_record, newer)]
    assert labels == ["Body"]


def test_a_draft_approved_for_later_keeps_the_current_version_until_then(
    client, medical_reviewer_user, article_with_draft, monkeypatch
):
    article, draft = article_with_draft
    draft_step(client, draft, "submit", note="")
    client.force_login(medical_reviewer_user)
    later = timezone.localtime() + datetime.timedelta(days=2)
    response = draft_step(client, draft, "approve", go_live_at=later.strftime("%Y-%m-%dT%H:%M"))
    assert any("keep seeing the current version until" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.state == Draft.State.SCHEDULED
    assert f"new version scheduled for {later:%-d %b, %H:%M}" in status_text(article, draft)
    client.logout()
    assert "and tomorrow" not in client.get(article.get_absolute_url()).content.decode()

    Draft.objects.filter(pk=draft.pk).update(go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    drafts.remember_next_due()
    monkeypatch.setitem(scheduling._last_look, "at", float("-inf"))  # this process has not looked lately
    assert "and tomorrow" in client.get(article.get_absolute_url()).content.decode()
    draft.refresh_from_db()
    assert draft.state == Draft.State.APPLIED
    article.refresh_from_db()
    assert article.reviewer == medical_reviewer_user.medical_reviewer


def test_statuses_say_what_patients_see(make_article):
    assert status_text(make_article()) == "Live"
    assert status_text(make_article(status=Status.DRAFT)) == "Not on the site"
    assert (
        status_text(make_article(unpublish_at=timezone.now() - datetime.timedelta(days=1)))
        == "Not on the site"
    )
    later = timezone.now() + datetime.timedelta(days=2)
    assert (
        status_text(make_article(publish_at=later))
        == f"Scheduled for {timezone.localtime(later):%-d %b, %H:%M}"
    )


def test_the_article_list_says_what_patients_see(client, editor, make_article):
    article = make_article(title="Listed")
    client.force_login(editor)
    edit_in_admin(client, article, body="Changed.")
    draft_step(client, Draft.objects.get(), "submit", note="")
    page = client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "Live, with a draft in review" in page
    filtered = client.get(reverse("admin:education_article_changelist") + "?draft=in_review").content.decode()
    assert "Listed" in filtered


def test_a_never_published_draft_shows_no_overdue_badge(client, editor, make_article):
    article = make_article(status=Status.DRAFT, last_reviewed=None)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Medical review overdue" not in page
    assert "Not on the site" in page


def test_editor_restoring_an_old_version_of_live_content_makes_a_draft(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(body="First approved text.")
    first = article.history.first()
    article.body = "Second approved text."
    article.save()
    client.force_login(editor)
    url = reverse("admin:education_article_restore", args=[article.pk, first.history_id])
    response = client.post(url)
    draft = Draft.objects.get()
    assert response["Location"] == draft.get_absolute_url()
    article.refresh_from_db()
    assert html_to_text(article.body).strip() == "Second approved text."
    client.force_login(medical_reviewer_user)
    assert "restored an earlier version as a draft" in client.get(draft.get_absolute_url()).content.decode()
    draft_step(client, draft, "approve")
    article.refresh_from_db()
    assert html_to_text(article.body).strip() == "First approved text."
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_reviewer_restore_publishes_at_once(client, medical_reviewer_user, make_article):
    article = make_article(body="First approved text.")
    first = article.history.first()
    article.body = "Second approved text."
    article.save()
    client.force_login(medical_reviewer_user)
    client.post(reverse("admin:education_article_restore", args=[article.pk, first.history_id]))
    article.refresh_from_db()
    assert html_to_text(article.body).strip() == "First approved text."
    assert not Draft.objects.exists()


def test_the_history_page_lists_the_drafts_next_to_the_live_versions(
    client, medical_reviewer_user, article_with_draft
):
    article, draft = article_with_draft
    client.force_login(medical_reviewer_user)
    draft_step(client, draft, "approve")
    page = client.get(reverse("admin:education_article_history", args=[article.pk])).content.decode()
    assert "Drafts of this item" in page
    assert "Approved and live" in page and draft.get_absolute_url() in page
    assert "Review conversation" in page and "clinician approved" in page


def test_the_article_preview_link_opens_the_draft_while_one_is_open(client, editor, article_with_draft):
    article, draft = article_with_draft
    page = client.get(change_url(article)).content.decode()
    assert reverse("education:draft_preview", args=[draft.pk]) in page
