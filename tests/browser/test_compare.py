"""The compare a reviewer reads, in real Chromium: an Editor rewords one sentence of a long live
article in the editor's HTML (its lines joined, as the editor sends them); the draft's page shows
one changed block with the words marked, and passes axe-core. Its previews are readable: the
live and draft frames fill most of the window, and "Open full preview" opens the draft in a new tab
saying the draft's own state."""

import re

import pytest

from .conftest import sign_in
from .test_draft_review_flow import assert_accessible, run_in_thread


@pytest.fixture(scope="module")
def one_sentence_draft(site, django_db_blocker):
    """A draft of a demo article (not the one the other flows edit) with one sentence reworded."""

    def create():
        from django.contrib.auth.models import User
        from django.test import Client

        from education.models import Article, Draft
        from tests.admin_forms import edit_in_admin

        with django_db_blocker.unblock():
            article = (
                Article.objects.published()
                .exclude(pk__in=Draft.objects.values("object_id"))
                .exclude(title=site.paths["article-title"])
                .order_by("-word_count")
                .first()
            )
            paragraphs = re.findall(r"<p>([^<]{40,})</p>", article.body)
            sentence = paragraphs[1]
            word = re.findall(r"[A-Za-z]{5,}", sentence)[0]
            body = " ".join(article.body.replace(sentence, sentence.replace(word, "REWORDED", 1)).split())
            client = Client()
            client.force_login(User.objects.get(username="crawl-editor"))
            assert edit_in_admin(client, article, body=body).status_code == 302
            return Draft.objects.get(object_id=article.pk).get_absolute_url(), word

    return run_in_thread(create)


def test_a_one_sentence_change_shows_one_changed_block_with_its_words(
    visitor, site, chromium, one_sentence_draft
):
    url, word = one_sentence_draft
    page = visitor.new_page(session=sign_in(chromium, site, "crawl-reviewer"))
    page.goto(site.url + url)
    body_row = page.locator(".version-diff tr", has=page.locator("th", has_text="Body"))
    changed = body_row.locator(".diff-changed")
    assert changed.count() == 1
    assert body_row.locator(".diff-added, .diff-removed").count() == 0
    assert changed.locator("del").text_content() == f"removed: {word}"
    assert changed.locator("ins").text_content() == "added: REWORDED"
    # What a screen reader reads (the visually hidden word) and what the eye sees (struck through).
    assert changed.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert_accessible(visitor, page, "draft review page with a one-sentence change")


def test_the_drafts_previews_are_tall_and_open_full_page_in_a_new_tab(
    visitor, site, chromium, one_sentence_draft
):
    url, _word = one_sentence_draft
    page = visitor.new_page(width=1280, height=900, session=sign_in(chromium, site, "crawl-reviewer"))
    page.goto(site.url + url)
    page.locator(".preview-toggle > summary").click()  # the frames are closed until asked for
    for frame in page.locator(".side-by-side iframe").all():
        assert frame.bounding_box()["height"] >= 600  # most of a 900 px window, not a 350 px strip
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open full preview of the draft (new tab)").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "/preview/" in preview.url
    text = preview.locator(".preview-banner").inner_text()
    assert (
        text.startswith("Preview of a draft. This draft: Draft (not submitted).") and "Published" not in text
    )
    assert "REWORDED" in preview.locator(".article-body").inner_text()
