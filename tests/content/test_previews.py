"""Previews people can read: the draft's full-page preview says what it is in the draft's own state
(never the live item's "Published"), the live side says it is live, and the draft's page links the
full preview in a new tab (the frames' height is checked in tests/browser/test_compare.py)."""

import re

import pytest
from django.urls import reverse

from education.models import Draft
from tests.admin_forms import draft_step, edit_in_admin

pytestmark = pytest.mark.django_db


def banner(response):
    html = response.content.decode()
    found = re.search(r'<div class="preview-banner" role="status">(.*?)</div>', html, re.S)
    assert found, "no preview banner"
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


@pytest.fixture
def draft_of_live_article(client, editor, make_article):
    article = make_article(title="Aftercare")
    client.force_login(editor)
    edit_in_admin(client, article, body="<p>Rest at home today and tomorrow.</p>")
    return article, Draft.objects.get()


def test_the_draft_preview_shows_the_drafts_own_state_not_published(client, draft_of_live_article):
    _article, draft = draft_of_live_article
    url = reverse("education:draft_preview", args=[draft.pk])
    text = banner(client.get(url))
    assert text.startswith("Preview of a draft. This draft: Draft (not submitted).")
    assert "Patients see the live version until" in text
    assert "Published" not in text
    draft_step(client, draft, "submit", note="")
    assert "This draft: In review." in banner(client.get(url))
    assert (
        banner(client.get(url + "?show=live"))
        == "Preview of the live version. This is what patients see now."
    )


@pytest.mark.parametrize("kind", ["faq", "safetyitem"])
def test_faq_and_safety_draft_previews_say_they_are_drafts(
    client, editor, reviewer, make_faq, make_safety_item, kind
):
    obj = make_faq(reviewer=reviewer) if kind == "faq" else make_safety_item(reviewer=reviewer)
    client.force_login(editor)
    edit_in_admin(client, obj, **{"answer" if kind == "faq" else "guidance": "<p>New wording.</p>"})
    url = reverse("education:draft_preview", args=[Draft.objects.get().pk])
    assert banner(client.get(url)).startswith("Preview of a draft. This draft: Draft (not submitted).")
    assert banner(client.get(url + "?show=live")).startswith("Preview of the live version.")


def test_the_drafts_page_links_a_full_preview_in_a_new_tab(client, draft_of_live_article):
    _article, draft = draft_of_live_article
    html = client.get(draft.get_absolute_url()).content.decode()
    preview = reverse("education:draft_preview", args=[draft.pk])
    link = re.search(rf'<a class="button" href="{preview}" target="_blank" rel="noopener">([^<]+)</a>', html)
    assert link and link.group(1) == "Open full preview of the draft (new tab)"
