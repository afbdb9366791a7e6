"""Without a mouse: a skip link that works, a visible focus ring, every control reachable with Tab,
and FAQ answers that open and close from the keyboard."""

import pytest

from .conftest import open_page_type

FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"
)


def focused(page):
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim().slice(0, 60),
            key: el.dataset.kbd || null, name: el.name || null, type: el.type || null,
            // "auto" is Chromium's own two-colour focus ring.
            outline: style.outlineStyle === 'auto'
              || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2),
            shadow: style.boxShadow !== 'none',
            inMain: !!el.closest('main'),
            label: el.getAttribute('aria-label'),
            toolbar: el.closest('[role=toolbar]')?.getAttribute('aria-label') || null,
          };
        }"""
    )


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(visitor):
    page = open_page_type(visitor, "article", 375)
    page.keyboard.press("Tab")
    first = focused(page)
    assert (first["tag"], first["text"]) == ("a", "Skip to main content")
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the skip link is not on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "Tab after the skip link should stay in the main content"


@pytest.mark.parametrize(
    "page_type", ["home", "article", "faq", "search", "selfcheck", "admin-login", "admin-change-form"]
)
def test_every_control_is_reached_with_tab_and_shows_where_focus_is(visitor, page_type):
    page = open_page_type(visitor, page_type, 1280)
    controls = page.evaluate(
        """(selector) => {
          const closed = 'details:not([open])';
          const shown = el => !el.closest(closed) || el.matches(closed + ' > summary');
          // Links inside the rich-text editor are text being edited, not controls.
          const els = [...document.querySelectorAll(selector)].filter(el => !el.disabled && shown(el)
            && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
            && !el.parentElement.closest('[contenteditable=true]')
            // select2 keeps the real <select> visually hidden; its search box is the control.
            && !el.classList.contains('select2-hidden-accessible'));
          els.forEach((el, i) => { el.dataset.kbd = String(i); });
          return els.map(el => ({key: String(el.dataset.kbd), type: el.type || null, name: el.name || null,
                                 toolbar: el.closest('[role=toolbar]')?.getAttribute('aria-label') || null,
                                 label: (el.textContent || el.name || el.id).trim().slice(0, 60)}));
        }""",
        FOCUSABLE,
    )
    reached, radio_groups, toolbars, no_ring = set(), set(), set(), []
    # Pages may autofocus a field: keep tabbing past the end, round to the top, until a repeat.
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["key"] is None:
            continue
        if now["key"] in reached:
            break
        reached.add(now["key"])
        if now["type"] == "radio":
            radio_groups.add(now["name"])  # one stop per group; arrow keys move within it
        if now["toolbar"]:
            toolbars.add(now["toolbar"])  # a toolbar is one stop too (WAI-ARIA toolbar pattern)
        if not (now["outline"] or now["shadow"]):
            no_ring.append(now["text"] or now["tag"])
    missed = [
        c["label"]
        for c in controls
        if c["key"] not in reached
        and not (c["type"] == "radio" and c["name"] in radio_groups)
        and c["toolbar"] not in toolbars
    ]
    assert not missed, f"{page_type}: not reachable with Tab: {missed}"
    assert not no_ring, f"{page_type}: no visible focus indicator on: {no_ring}"


def test_faq_answers_open_and_close_from_the_keyboard(visitor):
    page = open_page_type(visitor, "faq", 375)
    first = page.locator("details.faq-item").first
    answer = first.locator(".faq-answer")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.parentElement.id") == first.get_attribute("id")
    assert not answer.is_visible()
    page.keyboard.press("Enter")
    assert answer.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.closest('details') && document.activeElement.closest('details').id"
    ) == (first.get_attribute("id")), "the link inside an open answer should be next in the Tab order"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not answer.is_visible()
