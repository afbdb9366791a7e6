"""Editorial checks: each one on a good and a bad example, recomputed on save, shown to staff."""

import pytest
from django.urls import reverse

from education.editorial import checks as editorial
from education.models import Status
from education.text.markdown import render_markdown

pytestmark = pytest.mark.django_db

PLAIN = "## What it is\n\nYou rest in a quiet room. A nurse checks on you. You go home with a friend."
HARD = (
    "## Pharmacology\n\nIntravenous esketamine administration necessitates comprehensive cardiovascular "
    "monitoring, considering potential hypertensive complications, dissociative phenomenology, and "
    "individualised contraindication evaluation throughout therapeutic interventions."
)


def warnings_about(article, phrase):
    return [w for w in article.editorial_warnings if phrase in w]


def test_plain_article_has_no_warnings(make_article):
    article = make_article(body=PLAIN)
    article.save()  # the factory adds references after the first save, as the admin does
    assert article.editorial_warnings == []
    article.refresh_from_db()
    assert article.reading_grade <= 8
    assert article.word_count == 20


def test_hard_text_gets_a_reading_grade_warning(make_article):
    article = make_article(body=HARD)
    assert article.reading_grade > 8
    assert warnings_about(article, "aim for 8 or lower")
    assert not warnings_about(make_article(body=PLAIN), "Reading grade")


def test_missing_key_points_are_flagged(make_article):
    assert warnings_about(make_article(key_points=""), "No key points")
    assert not warnings_about(make_article(), "No key points")


def test_missing_references_are_flagged(make_article):
    article = make_article(references=[])
    article.save()  # the factory adds references after the first save, as the admin does
    assert warnings_about(article, "No references")
    with_refs = make_article()
    with_refs.save()
    assert not warnings_about(with_refs, "No references")


def test_links_to_unpublished_or_missing_pages_are_flagged(make_article):
    live = make_article(slug="live-one")
    make_article(slug="draft-one", status=Status.DRAFT)
    body = (
        "See [draft](/articles/draft-one/), [missing](/articles/nope/), [nowhere](/no-such-page/), "
        f"[live]({live.get_absolute_url()}), [FAQ](/faq/) and [outside](https://www.nimh.nih.gov/)."
    )
    article = make_article(body=body)
    assert warnings_about(article, "/articles/draft-one/ goes to an article patients cannot see")
    assert warnings_about(article, "/articles/nope/ goes to an article patients cannot see")
    assert warnings_about(article, "/no-such-page/ goes to a page that does not exist")
    assert not warnings_about(article, "/articles/live-one/")
    assert not warnings_about(article, "/faq/")
    assert not warnings_about(article, "nimh")


def test_an_image_taken_out_of_the_library_is_flagged(make_article):
    # Images come only from the library (with checked alt text); one deleted since is not shown.
    article = make_article()
    article.body = '<p>Text.</p><img data-image-id="999999" src="/media/x.jpg" alt="A nurse">'
    article.save()
    assert warnings_about(article, "no longer in the image library")
    assert "<img" not in article.body_html


def test_headings_out_of_order_are_flagged(make_article):
    assert warnings_about(make_article(body="#### Too deep\n\nText."), "Headings out of order")
    assert warnings_about(make_article(body="## A\n\n#### Skips a level\n\nText."), "Headings out of order")
    assert not warnings_about(make_article(body="## A\n\n### B\n\n## C\n\nText."), "Headings")


@pytest.mark.parametrize(
    "claim",
    [
        "Ketamine can cure depression.",
        "Results are guaranteed.",
        "There are no side effects.",
        "You can buy ketamine online.",
        "Order esketamine here.",
    ],
)
def test_ruled_out_claims_are_flagged(make_article, claim):
    article = make_article(body=f"## Claims\n\n{claim}")
    assert warnings_about(article, "content guide rules out")


def test_careful_wording_is_not_flagged(make_article):
    body = (
        "## Care\n\nSide effects are common and usually pass. In order to stay safe, a nurse checks on you."
    )
    assert not warnings_about(make_article(body=body), "content guide")


def test_short_content_checks_for_faqs():
    assert editorial.check_text(render_markdown("It is a cure."))
    assert editorial.check_text(render_markdown("Tell your clinician.")) == []


def test_warnings_are_shown_on_the_change_page_and_as_a_list_column(client, editor, make_article):
    article = make_article(body="## A\n\nThis is guaranteed.", key_points="")
    client.force_login(editor)
    change = client.get(reverse("admin:education_article_change", args=[article.pk])).content.decode()
    assert "Editorial checks:" in change
    assert "No key points" in change
    changelist = client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "Warnings" in changelist
    # The reading measures are on the change page (the list keeps to the columns an editor scans).
    article.refresh_from_db()
    assert "Reading time" in change
    for column in ("reading_grade", "smog_grade"):
        assert f"{getattr(article, column)}" in change
    assert "SMOG grade" in change


def test_warnings_are_recomputed_on_save_and_never_block_it(make_article):
    article = make_article(body="## A\n\nThis is guaranteed.")
    assert warnings_about(article, "guaranteed")
    article.body = "## A\n\nMany people feel better."
    article.save()
    article.refresh_from_db()
    assert not warnings_about(article, "guaranteed")
