"""Markdown -> the rich-text HTML staff write in the editor, for text kept as Markdown files.

Staff write in the admin's editor (education.text.richtext); Markdown is only a way in, for
content kept in files (the demo content) and scripts. markdown-it-py with html=False escapes any
raw HTML typed into the Markdown and refuses javascript:/vbscript:/data: links; the result then
goes through the same allow-list as everything the editor sends (``clean_rich_html``).
"""

import re

from markdown_it import MarkdownIt

from .richtext import clean_rich_html

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text):
    """Markdown source -> stored rich-text HTML. `# Heading` becomes <h2>: the page owns the <h1>."""
    html = _md.render(text or "")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return clean_rich_html(html)
