"""The self-check in a real browser (Debian Chromium, JavaScript off): keyboard only, no
accessibility violations, crisis help first, and a result that prints as a short handout."""

import re

import pytest


@pytest.fixture
def page(chromium, site):
    """A page with JavaScript off: the self-check must work without it."""
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    # axe runs as script in the page, so this check uses a context with JavaScript on.
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def test_patient_completes_the_self_check_by_keyboard_and_prints_the_result(page, site):
    page.goto(f"{site.url}/self-check/")
    radios = page.locator("#selfcheck-form input[type=radio]")
    questions = radios.count() // 2
    assert questions >= 12
    # Keyboard only: the first radio of each group is "Yes"; arrow keys move within a group.
    page.locator("#selfcheck-form input[type=radio]").first.focus()
    page.keyboard.press("Space")  # "Yes" to the first (urgent) question
    for _ in range(questions - 1):
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")  # "No" to every other question
    page.keyboard.press("Tab")
    page.keyboard.type("Can I keep taking my sleep pills?")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/self-check/result/")

    first_in_main = page.locator("main > *").first
    assert first_in_main.get_attribute("role") == "alert"
    assert first_in_main.locator("h2").inner_text() == "Get help now"
    assert "Can I keep taking my sleep pills?" in page.locator("main").inner_text()

    page.emulate_media(media="print")
    assert not page.locator(".selfcheck-next").is_visible()
    assert page.locator(".handout-note").is_visible()
    pdf = page.pdf(format="Letter")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= sheets <= 2


def test_form_and_result_have_no_accessibility_violations(chromium, site):
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site.url}/self-check/")
        assert axe_violations(page) == []
        page.locator("#selfcheck-form button[type=submit]").click()  # nothing answered: errors
        page.wait_for_load_state()
        assert "Please check your answers" in page.locator("main").inner_text()
        assert axe_violations(page) == []
        for group in page.locator("#selfcheck-form fieldset").all():
            group.locator("input[type=radio]").first.check()
        page.locator("#selfcheck-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Your self-check result"
        assert axe_violations(page) == []
    finally:
        context.close()
