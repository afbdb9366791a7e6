"""Render staff-written Markdown to sanitised HTML, once, at save time.

markdown-it-py with html=False escapes any raw HTML typed into the Markdown and refuses
javascript:/vbscript:/data: links; nh3 (an allow-list sanitiser) then guarantees that only
the tags, attributes and URL schemes below can ever reach a page.
"""

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text):
    """Markdown source -> sanitised HTML. `# Heading` becomes <h2>: the page owns the <h1>."""
    html = _md.render(text or "")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return sanitise_html(html).strip()


_TAG = re.compile(r"<[^>]+>")


def html_to_text(html):
    """Plain text from our own sanitised HTML (for word counts, snippets and search)."""
    import html as html_lib

    text = re.sub(r"</(p|li|h[1-6]|tr|blockquote|pre)>", "\n", html or "")
    return html_lib.unescape(_TAG.sub(" ", text))
