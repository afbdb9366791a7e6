"""A fresh demo looks like a finished site of a plainly fictional clinic, and says so on every page.

The test crawls every public page reachable from the home page (following our own links) and
checks each one: the one-line demo notice is there, no "[Clinic…]" placeholder, no example.org
address, no tel: link to a placeholder, and no review line that claims a review.
"""

import html
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.cache import cache

from education.templatetags.demo import DEMO_MODELS

pytestmark = pytest.mark.django_db

NOTICE = "Demo site: a made-up clinic with demo content, not reviewed by this clinic's clinicians."
HREF = re.compile(r'href="([^"]+)"')
TEL = re.compile(r'href="tel:([^"]*)"')
PLACEHOLDER = re.compile(r"\[[A-Za-z][^\]]*\]")
SKIP = ("/admin", "/static/", "/healthz", "/readyz", "/preview/")


def visible_text(page):
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def crawl(client, limit=400):
    seen, queue, pages = set(), deque(["/", "/search/?q=ketamine", "/self-check/"]), {}
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        pages[path] = page
        for href in HREF.findall(page):
            href = urldefrag(html.unescape(href))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(SKIP):
                continue
            queue.append(href)
    return pages


@pytest.fixture
def demo_pages(client, demo_content):
    return crawl(client)


def test_the_crawl_reaches_every_kind_of_public_page(demo_pages):
    paths = set(demo_pages)
    for expected in (
        "/",
        "/faq/",
        "/safety/",
        "/glossary/",
        "/glossary/k/",  # from the search results for "ketamine"
        "/prepare/",
        "/tools/my-medicines/",
        "/tools/diary/",
    ):
        assert expected in paths, expected
    assert sum(p.startswith("/articles/") for p in paths) >= 17
    assert sum(p.count("/") == 4 and p.startswith("/faq/") for p in paths) >= 30  # question pages
    assert any(p.startswith("/topics/") for p in paths)


def test_every_public_page_carries_the_one_line_demo_notice(demo_pages):
    for path, page in demo_pages.items():
        assert visible_text(page).count(NOTICE) == 1, path


def test_no_placeholder_example_address_or_placeholder_phone_link_on_any_page(demo_pages):
    for path, page in demo_pages.items():
        text = visible_text(page)
        assert not PLACEHOLDER.search(text), (path, PLACEHOLDER.search(text).group(0))
        assert "example.org" not in page and "example.com" not in page, path
        for number in TEL.findall(page):
            assert re.fullmatch(r"988|911|\+1-\d{3}-555-01\d\d", number), (path, number)


def test_no_page_claims_a_review_that_did_not_happen(demo_pages):
    for path, page in demo_pages.items():
        assert "Medically reviewed by" not in page, path
        assert '"lastReviewed"' not in page and '"reviewedBy"' not in page, path
    for path, page in demo_pages.items():
        if path.startswith("/articles/"):
            assert "It has not been reviewed by this clinic's clinicians." in visible_text(page), path


def test_the_notice_goes_once_nothing_is_marked_as_demo(client, demo_content):
    for model in DEMO_MODELS:
        model.objects.update(is_demo=False)
    cache.clear()
    for path in ("/", "/faq/", "/articles/side-effects-and-safety/", "/tools/diary/"):
        assert "Demo site:" not in client.get(path).content.decode(), path
