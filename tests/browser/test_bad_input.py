"""Bad input in real Chromium, as an Editor meets it: required labels say so (the Body's editor
included), a 535-character title is not cut by the browser, the counter says how far over it is,
and Save answers with the length, the text kept whole; the page passes axe-core."""

import pytest

from .conftest import sign_in
from .test_draft_review_flow import assert_accessible, run_in_thread


@pytest.fixture(scope="module")
def change_url(site, django_db_blocker):
    def find():
        from django.urls import reverse

        from education.models import Article

        with django_db_blocker.unblock():
            article = (
                Article.objects.published().exclude(title=site.paths["article-title"]).order_by("pk").first()
            )
            return reverse("admin:education_article_change", args=[article.pk])

    return run_in_thread(find)


def test_a_too_long_title_is_counted_refused_and_kept_whole(visitor, site, chromium, change_url):
    page = visitor.new_page(session=sign_in(chromium, site, "crawl-editor"))
    page.goto(site.url + change_url)
    marker = page.evaluate(
        "getComputedStyle(document.querySelector('label[for=id_body]'), '::after').content"
    )
    assert marker == '"(required)"'
    assert page.locator("[role=textbox][aria-required=true]").count() == 1  # the Body's editor

    long_title = ("Sleep well after treatment " * 20)[:535]
    page.locator("#id_title").fill(long_title)
    assert len(page.input_value("#id_title")) == 535  # the browser no longer cuts it to 200
    assert page.locator("#id_title_count").inner_text() == "535 of 200 characters: 335 too many"
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    assert "This is 535 characters long and the limit is 200" in page.locator(".errorlist").first.inner_text()
    assert page.input_value("#id_title") == long_title
    assert_accessible(visitor, page, "article change page refusing a too-long title (editor)")
