"""In a real browser, for an Editor and a Medical reviewer (no superuser rights): the admin home fits
about two screens at 1280 × 800 with the demo content and shows the content menu first; the wide
lists fit 1280 px without sideways scrolling; the related-articles autocomplete passes axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import STAFF_ROLES, sign_in
from .test_accessibility import AXE_OPTIONS, describe

HOME_MAX_HEIGHT = 1800  # px at 1280 × 800: about two screens
LISTS = [
    "/admin/education/article/",
    "/admin/education/faq/",
    "/admin/education/safetyitem/",
    "/admin/education/draft/",
    "/admin/education/pematscore/",
]


@pytest.fixture(params=list(STAFF_ROLES))
def staff_page(request, visitor, chromium, site):
    session = sign_in(chromium, site, f"crawl-{request.param}")
    return visitor.new_page(width=1280, height=800, session=session)


def axe(visitor, page, context=None):
    before = len(visitor.console_errors)
    violations = Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]
    del visitor.console_errors[before:]  # axe's own probes trip the CSP; they are not the page's
    return violations


def test_admin_home_fits_two_screens_with_the_menu_first(visitor, staff_page):
    page = staff_page
    assert page.goto(visitor.site.url + "/admin/").status == 200
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= HOME_MAX_HEIGHT, f"the admin home is {height} px tall"
    menu = page.locator(".dashboard-menu").bounding_box()
    for panel in ("#review-queue", "#review-due"):
        box = page.locator(panel).bounding_box()
        assert box["y"] >= menu["y"] - 1  # the menu is not pushed below the panels
        assert page.locator(panel).locator("tbody tr").count() <= 5
    assert page.locator("#review-due a", has_text="View all").count() >= 1  # demo content is due
    assert not axe(visitor, page), describe(axe(visitor, page))


@pytest.mark.parametrize("path", LISTS)
def test_lists_fit_1280_px_without_sideways_scrolling(visitor, staff_page, path):
    page = staff_page
    assert page.goto(visitor.site.url + path).status == 200
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,"
        " table: (document.querySelector('.results') || document.body).scrollWidth,"
        " box: (document.querySelector('.results') || document.body).clientWidth})"
    )
    assert sizes["scroll"] <= sizes["client"], sizes
    assert sizes["table"] <= sizes["box"], sizes
    if page.locator("#result_list").count():
        violations = axe(visitor, page, "#result_list")
        assert not violations, describe(violations)


def test_related_articles_autocomplete_passes_axe_and_finds_articles(visitor, staff_page):
    page = staff_page
    assert page.goto(visitor.site.url + "/admin/education/article/").status == 200
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    box = page.locator(".field-related .select2-container")
    assert box.count() == 1  # the autocomplete, not a <select> of every article
    violations = axe(visitor, page, ".field-related")
    assert not violations, describe(violations)
    title = page.locator("#id_title").input_value()
    box.click()
    page.keyboard.type("ketamine")
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    shown = options.all_inner_texts()
    assert shown and title not in shown  # other articles, never the one being edited
    violations = axe(visitor, page, ".select2-container--open")  # the open list of choices too
    assert not violations, describe(violations)
    page.keyboard.press("Escape")


def test_a_single_choice_autocomplete_is_named_by_its_label(visitor, staff_page):
    """The PEMAT-P score's article: one article among many, empty at first."""
    page = staff_page
    assert page.goto(visitor.site.url + "/admin/education/pematscore/add/").status == 200
    assert page.locator(".field-article .select2-container").count() == 1
    violations = axe(visitor, page, ".field-article")
    assert not violations, describe(violations)
