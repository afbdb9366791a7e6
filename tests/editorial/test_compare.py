"""The compare a reviewer reads (draft review page and version history): rich text by blocks
(paragraphs, list items, headings), inside a changed block by words, <ins>/<del> named for screen
readers; lines joined or split inside a block are no change; the output is escaped text."""

import pytest
from django.template.loader import render_to_string

from education.editorial import drafts
from education.editorial.textdiff import block_diff, same_text, word_diff
from education.models import Draft
from tests.admin_forms import edit_in_admin
from tests.test_hostile_input import PAYLOADS, scan

# Stored text written over several lines, as Markdown and older saves left it.
LIVE = (
    "<h2>Before your visit</h2>\n"
    "<p>Stop eating and\ndrinking six hours before\nyour appointment.</p>\n"
    "<p>Bring a list of\nyour medicines.</p>\n"
    "<ul>\n<li><p>Your card</p></li>\n<li><p>Glasses</p></li>\n</ul>\n"
    "<p>Someone must\ndrive you home.</p>\n<p>Call us if\nyou are unwell.</p>\n"
)
# The same text as the rich-text editor sends it back: lines joined, one sentence reworded.
EDITED = (
    "<h2>Before your visit</h2><p>Stop food and drink six hours before your appointment.</p>"
    "<p>Bring a list of your medicines.</p><ul><li><p>Your card</p></li><li><p>Glasses</p></li></ul>"
    "<p>Someone must drive you home.</p><p>Call us if you are unwell.</p>"
)


def changed(blocks):
    return [b for b in blocks if b["state"] != "same" and b["state"] != "folded"]


def test_one_reworded_sentence_is_one_changed_block_with_its_words_marked():
    blocks = block_diff(LIVE, EDITED)
    assert len(changed(blocks)) == 1
    (block,) = changed(blocks)
    assert block["state"] == "changed"
    assert [(m, t) for m, t in block["parts"] if m != " "] == [
        ("-", "eating"),
        ("+", "food"),
        ("-", "drinking"),
        ("+", "drink"),
    ]


def test_joining_or_splitting_lines_inside_blocks_is_no_change():
    joined = LIVE.replace("\n", " ")
    assert same_text(LIVE, joined) and same_text(joined, LIVE.replace(" ", "\n"))
    assert block_diff(LIVE, joined) == []
    # ...but words, blocks and links are changes.
    assert not same_text("<p>a b</p>", "<p>a</p><p>b</p>")
    assert not same_text(
        '<p><a href="https://a.example">x</a></p>', '<p><a href="https://b.example">x</a></p>'
    )


def test_headings_list_items_and_paragraphs_are_blocks_of_their_own():
    blocks = block_diff(
        "<h2>Care</h2><ul><li>Rest</li></ul><p>Drink.</p>",
        "<h2>Aftercare</h2><ul><li>Rest</li><li>Walk</li></ul><p>Drink.</p>",
    )
    states = [(b["state"], b["kind"]) for b in blocks]
    assert states == [
        ("removed", "heading"),
        ("added", "heading"),
        ("same", "item"),
        ("added", "item"),
        ("same", "paragraph"),
    ]


def test_a_changed_link_address_shows_as_a_change():
    (block,) = block_diff(
        '<p>See <a href="https://a.example/x">this</a>.</p>',
        '<p>See <a href="https://a.example/y">this</a>.</p>',
    )
    assert ("-", "x") in block["parts"] and ("+", "y") in block["parts"]


def test_long_unchanged_runs_are_folded_around_the_change():
    old = "".join(f"<p>Paragraph {n}.</p>" for n in range(10))
    new = old.replace("Paragraph 5.", "Paragraph five.")
    blocks = block_diff(old, new)
    assert [b["state"] for b in blocks] == ["folded", "same", "changed", "same", "folded"]
    assert blocks[0]["count"] == 4 and blocks[-1]["count"] == 3
    # One unchanged block out of reach is shown, not folded into "… 1 unchanged block …".
    blocks = block_diff(
        old, old.replace("Paragraph 2.", "Paragraph two.").replace("Paragraph 6.", "Paragraph six.")
    )
    states = [b["state"] for b in blocks]
    assert states == ["same", "same", "changed", "same", "same", "same", "changed", "same", "folded"]


def test_changed_words_come_as_one_run_not_split_at_every_space():
    parts = word_diff("Take two tablets with water.", "Take one large tablet with water.")
    assert parts == [(" ", "Take "), ("-", "two tablets"), ("+", "one large tablet"), (" ", " with water.")]


def test_plain_text_fields_compare_line_by_line_and_ignore_spacing():
    assert block_diff("First point\nSecond point", "First point  \r\nSecond point\r\n") == []
    blocks = block_diff("First point\nSecond point", "First point\nSecond point, changed")
    assert [b["state"] for b in blocks] == ["same", "changed"]


def render(blocks):
    return render_to_string("admin/education/_diff_blocks.html", {"blocks": blocks})


def test_the_compare_marks_insertions_and_deletions_for_screen_readers():
    html = render(block_diff(LIVE, EDITED))
    assert html.count("diff-changed") == 1
    assert '<del><span class="visually-hidden">removed: </span>eating</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>food</ins>' in html
    assert "Only the formatting" in render([])


@pytest.mark.parametrize("rich", [False, True], ids=["plain", "rich"])
def test_hostile_text_in_either_version_is_shown_as_text(rich):
    for payload in PAYLOADS:
        old, new = ("<p>Safe words.</p>", f"<p>{payload} words.</p>") if rich else ("Safe", payload)
        html = render(block_diff(old, new) + block_diff(new, old))
        found = scan(html)
        assert not found.handlers and not found.bad_urls and not found.elements, (payload, html)


@pytest.mark.django_db
def test_the_review_page_shows_a_one_sentence_change_as_one_block(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Before your visit")
    type(article).objects.filter(pk=article.pk).update(body=LIVE)  # as an older save stored it
    client.force_login(editor)
    edit_in_admin(client, article, body=EDITED)
    draft = Draft.objects.get()
    assert [row["label"] for row in drafts.draft_diff(draft, type(article).objects.get(pk=article.pk))] == [
        "Body"
    ]
    client.force_login(medical_reviewer_user)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert html.count('class="diff-block diff-changed') == 1
    assert '<ins><span class="visually-hidden">added: </span>drink</ins>' in html
    assert "Bring a list of your medicines." in html  # the unchanged neighbour, for context
