"""What a patient's phone downloads on a first visit to each public page type: the HTML and every
stylesheet and script the page links, gzip-compressed as they travel (images are not counted).

Budgets (issue 17): an article at most 12 KB, every other page type at most 15 KB. Measured on the
demo content, with the article that has the most words. gzip at level 9 stands in for what is
sent: whitenoise serves the same files pre-compressed (Brotli where the browser takes it, which is
smaller still), and the HTML is compressed by the app or the proxy in front.
"""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from .public_pages import public_pages

KB = 1000  # decimal, so the budgets hold however "KB" is read
ARTICLE_BUDGET = 12 * KB
PAGE_BUDGET = 15 * KB

STYLESHEET = re.compile(r"""<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>""")
SCRIPT = re.compile(r"""<script\b[^>]*\bsrc=["']([^"']+)["']""")
HREF = re.compile(r"""\bhref=["']([^"']+)["']""")


def compressed(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def linked_files(html):
    """The static files a browser must fetch before it can show the page (not images)."""
    urls = [HREF.search(tag).group(1) for tag in STYLESHEET.findall(html)] + SCRIPT.findall(html)
    files = []
    for url in urls:
        assert url.startswith(settings.STATIC_URL), f"{url} is not one of our own static files"
        path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        assert path, f"{url} is linked but not found"
        files.append((url, Path(path).read_bytes()))
    return files


def first_visit(response):
    """(total compressed bytes, [(what, compressed bytes)]) for one page."""
    html = response.content
    parts = [("HTML", compressed(html))]
    for url, data in linked_files(html.decode()):
        text = data.decode(errors="replace")
        # Anything a stylesheet pulls in (fonts, other sheets) would be more to download.
        assert "@import" not in text and "url(" not in text, f"{url} loads more files: count them here"
        parts.append((url, compressed(data)))
    return sum(size for _, size in parts), parts


@pytest.fixture
def weights(demo_content, client):
    return {name: first_visit(response) for name, response in public_pages(client).items()}


def describe(weights):
    return "\n".join(
        f"{name:<24}{total:>7} B  " + " + ".join(f"{what} {size}" for what, size in parts)
        for name, (total, parts) in sorted(weights.items())
    )


def test_an_article_first_visit_is_at_most_12_kb_compressed(weights):
    total, parts = weights["article"]
    assert total <= ARTICLE_BUDGET, f"article: {total} B compressed ({parts}), budget {ARTICLE_BUDGET} B"


def test_every_public_page_type_first_visit_is_at_most_15_kb_compressed(weights):
    over = {name: total for name, (total, _) in weights.items() if total > PAGE_BUDGET}
    assert not over, f"over {PAGE_BUDGET} B compressed: {over}\n{describe(weights)}"


def test_public_pages_load_our_stylesheet_and_no_javascript(weights):
    site_css, tools_css = settings.STATIC_URL + "css/site.css", settings.STATIC_URL + "css/tools.css"
    for name, (_, parts) in weights.items():
        extra = [tools_css] if name.startswith("tool-") else []  # the printable tools' own sheet
        assert sorted(what for what, _ in parts) == sorted(["HTML", site_css, *extra]), (name, parts)
