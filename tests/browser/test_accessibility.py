"""Every page type has no WCAG 2.0/2.1/2.2 A or AA violations (axe-core) on a phone and a laptop,
and stays within the window on a small phone and with text zoomed to 200%."""

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTEFACTS, PAGE_TYPES, WIDTHS, horizontal_overflow, open_page_type

WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AND_AA}, "resultTypes": ["violations"]}
SCREENSHOTS = {"home", "article", "faq", "selfcheck"}
# The FAQ's category and question pages, next to the FAQ overview (their addresses: faq_paths below).
FAQ_PAGE_TYPES = ["faq-category", "faq-question"]
_at = PAGE_TYPES.index("faq") + 1
ALL_PAGE_TYPES = PAGE_TYPES[:_at] + FAQ_PAGE_TYPES + PAGE_TYPES[_at:]


@pytest.fixture(scope="module", autouse=True)
def faq_paths(site):
    """The first question linked from the FAQ overview, and its category. Read from the page itself:
    Playwright's event loop is running by now, so Django refuses database queries in this thread."""
    with urllib.request.urlopen(site.url + site.paths["faq"]) as response:
        page = response.read().decode()
    question = re.search(r'href="(/faq/[-\w]+/[-\w]+/)">Link to this question<', page).group(1)
    site.paths["faq-question"] = question
    site.paths["faq-category"] = question.rsplit("/", 2)[0] + "/"


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_page_has_no_wcag_a_or_aa_violations(visitor, page_type, width):
    page = open_page_type(visitor, page_type, width)
    if width == 375 and page_type in SCREENSHOTS:
        (ARTEFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTEFACTS / "screenshots" / f"{page_type}-375.png", full_page=True)
    before = len(visitor.console_errors)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    del visitor.console_errors[before:]  # axe's own probes trip the CSP; they are not the page's
    assert not violations, f"{page_type} at {width}px:\n{describe(violations)}"


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_page_fits_a_320px_wide_phone_without_sideways_scrolling(visitor, page_type):
    page = open_page_type(visitor, page_type, 320)
    overflow = horizontal_overflow(page)
    assert overflow["extra"] <= 0, f"{page_type} is {overflow['extra']}px too wide: {overflow['culprits']}"


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_text_zoomed_to_200_percent_needs_no_sideways_scrolling(visitor, page_type):
    page = open_page_type(visitor, page_type, 1280)
    # Chromium's own text-size setting (what "Font size: Very large" does), not a CSS trick.
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    overflow = horizontal_overflow(page)
    assert overflow["extra"] <= 0, f"{page_type} is {overflow['extra']}px too wide: {overflow['culprits']}"
