"""In a real browser: the "Before you go live" panel on the admin home page has no WCAG A/AA
violations with every section open, opens from the keyboard and fits a phone; the PEMAT-P form and
the article list's score columns have none either."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import horizontal_overflow
from .test_accessibility import AXE_OPTIONS, describe


def open_admin_home(visitor, width):
    page = visitor.new_page(width=width, admin=True)
    response = page.goto(visitor.site.url + "/admin/")
    assert response.status == 200
    return page


@pytest.mark.parametrize("width", [375, 1280])
def test_panel_with_every_section_open_has_no_wcag_violations(visitor, width):
    page = open_admin_home(visitor, width)
    panel = page.locator("#before-you-go-live")
    assert panel.is_visible()
    sections = panel.locator("details")
    for n in range(sections.count()):
        if not sections.nth(n).evaluate("d => d.open"):
            sections.nth(n).locator(":scope > summary").click()
    assert panel.locator("details:not([open])").count() == 0
    assert panel.locator("li a").first.is_visible()  # an item to fix, linked to where it is fixed
    before = len(visitor.console_errors)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    del visitor.console_errors[before:]  # axe's own probes trip the CSP; they are not the page's
    assert not violations, describe(violations)
    assert horizontal_overflow(page)["extra"] <= 0


def test_a_section_opens_with_the_keyboard_and_its_links_are_reachable(visitor):
    page = open_admin_home(visitor, 1280)
    section = page.locator("#before-you-go-live details.golive-section").nth(1)  # the first is open
    assert not section.evaluate("d => d.open")
    section.locator(":scope > summary").focus()
    page.keyboard.press("Enter")
    assert section.evaluate("d => d.open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"
    assert section.evaluate("(d) => d.contains(document.activeElement)")


@pytest.mark.parametrize(
    "path, part",
    [
        ("/admin/education/pematscore/add/", None),
        # The list's table only: the admin's own filter sidebar fails WCAG 2.2's target size (not ours).
        ("/admin/education/article/", "#result_list"),
    ],
)
def test_pemat_form_and_article_list_have_no_wcag_violations(visitor, path, part):
    """The PEMAT-P items (24 radio groups) and the article list with its two score columns."""
    page = visitor.new_page(width=1280, admin=True)
    assert page.goto(visitor.site.url + path).status == 200
    before = len(visitor.console_errors)
    violations = Axe().run(page, context=part, options=AXE_OPTIONS).response["violations"]
    del visitor.console_errors[before:]
    assert not violations, describe(violations)
