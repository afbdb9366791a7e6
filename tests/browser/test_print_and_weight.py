"""An article on paper, and what each page costs to load in a real browser: our own files only, one
stylesheet, no JavaScript. (The compressed first-visit budgets are checked by tests/test_page_weight.py:
this live server does not compress.)"""

import pytest

from .conftest import ARTEFACTS, PUBLIC_PAGE_TYPES, open_page_type


def test_printed_article_hides_navigation_and_keeps_what_a_patient_needs(visitor, site):
    page = open_page_type(visitor, "article", 1280)
    page.emulate_media(media="print")
    for hidden in [".skip-link", ".crisis-bar", ".site-nav", ".breadcrumb-nav"]:
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator("h1").inner_text() == site.paths["article-title"]
    for shown in [".key-points li", ".article-body", ".references li", ".review-line", ".print-url"]:
        assert page.locator(shown).first.is_visible(), f"{shown} is missing from the printout"
    assert "clinician" in page.locator(".review-line").inner_text()
    assert site.url + site.paths["article"] in page.locator(".print-url").inner_text()
    ARTEFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=ARTEFACTS / "article-print.pdf", format="Letter")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize("page_type", PUBLIC_PAGE_TYPES + ["admin-login", "admin-change-form"])
def test_page_loads_only_files_from_our_own_site_and_no_unused_javascript(visitor, site, page_type, request):
    page = open_page_type(visitor, page_type, 375)  # a fresh browser context: nothing cached
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                 .map(e => ({url: e.name, type: e.initiatorType, bytes: e.transferSize}))"""
    )
    assert all(entry["url"].startswith(site.origin + "/") for entry in entries), entries
    assert all(url.startswith(site.origin + "/") for url in visitor.requests), visitor.requests
    stylesheets = sorted(
        entry["url"].removeprefix(site.origin) for entry in entries if entry["type"] == "link"
    )
    scripts = [entry["url"] for entry in entries if entry["type"] == "script" or entry["url"].endswith(".js")]
    if not page_type.startswith("admin"):
        assert scripts == [], f"{page_type} loads JavaScript it does not use: {scripts}"
        assert [path for path in stylesheets if path.endswith(".css")] == ["/static/css/site.css"]
    total = sum(entry["bytes"] for entry in entries)
    request.node.user_properties.append(("page weight", (page_type, 375, len(entries), total)))
    if not page_type.startswith("admin"):
        # Uncompressed here: the demo FAQ overview is ~38 KB of HTML, the stylesheet ~14 KB.
        assert total < 80_000, f"{page_type} transfers {total:,} bytes"
