"""Markdown (the demo content's files) becomes the editor's safe HTML; raw HTML and script links never
survive. Patients' links get rel="noopener noreferrer" when the stored HTML is rendered."""

import pytest

from education.text.markdown import render_markdown
from education.text.richtext import html_to_text, render_rich_html


def test_headings_lists_and_links_render():
    html = render_markdown("## Before you come\n\n- Bring a driver\n- Bring your medicines\n\n[FAQ](/faq/)")
    assert "<h2>Before you come</h2>" in html
    assert "<li>Bring a driver</li>" in html
    assert '<a href="/faq/">FAQ</a>' in html
    assert '<a href="/faq/" rel="noopener noreferrer">FAQ</a>' in render_rich_html(html, {})


def test_top_level_heading_becomes_h2_because_the_page_owns_h1():
    assert render_markdown("# Title") == "<h2>Title</h2>"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<iframe src=https://example.org></iframe>",
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_is_shown_as_text_not_passed_through(source):
    html = render_markdown(source)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<style" not in html
    assert "onclick=" not in html.replace("&lt;", "<").split("<a ")[-1] or "<a " not in html
    assert "&lt;" in html  # the text is kept, escaped, so staff see their mistake on preview


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "[x](java\tscript:alert(1))",
    ],
)
def test_dangerous_link_schemes_are_dropped(link):
    html = render_markdown(link).lower()
    assert 'href="javascript' not in html
    assert 'href="vbscript' not in html
    assert 'href="data:' not in html
    assert 'src="javascript' not in html


def test_images_from_outside_addresses_are_dropped_because_only_the_library_is_served():
    # The site's policy (img-src 'self') never loaded them: they were blank on the page.
    assert "<img" not in render_markdown("![A clinic room](https://example.org/room.jpg)")


def test_html_to_text_strips_tags_and_unescapes():
    assert html_to_text("<p>Fish &amp; chips</p>").strip() == "Fish & chips"
