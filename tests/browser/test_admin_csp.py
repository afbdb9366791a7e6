"""The admin works fully under the strict Content Security Policy in real Chromium: staff sign in,
list, search, open, fill in and save an article, and the page reports no CSP violation."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME

ADMIN = f"/{settings.ADMIN_URL}/"

# Collects every violation the browser reports to the page itself (console messages may be
# phrased differently between Chromium versions; the event is the standard).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
});
"""


# True when the selection is a caret inside the element with no text after it.
CARET_AT_END = """
(element) => {
  const selection = document.getSelection();
  if (!selection.isCollapsed || !element.contains(selection.focusNode)) return false;
  const rest = document.createRange();
  rest.selectNodeContents(element);
  rest.setStart(selection.focusNode, selection.focusOffset);
  return rest.toString() === '';
}
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def staff_page(visitor):
    def open_page(admin=True):
        page = visitor.new_page(admin=admin)
        page.add_init_script(RECORD_VIOLATIONS)
        return page

    return open_page


def test_admin_sign_in_shows_no_csp_violation(staff_page, site):
    page = staff_page(admin=False)
    response = page.goto(site.url + site.paths["admin-login"])
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.fill("input[name=username]", ADMIN_USERNAME)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    assert "/login/" not in page.url
    assert violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        ADMIN,
        ADMIN + "education/article/",
        ADMIN + "education/article/?q=ketamine&status__exact=published",
        ADMIN + "education/faq/",
        ADMIN + "education/glossaryterm/",
        ADMIN + "education/clinicdetails/",
        ADMIN + "auth/user/",
    ],
)
def test_admin_lists_show_no_csp_violation(staff_page, site, path):
    page = staff_page()
    response = page.goto(site.url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_article_change_form_with_its_widgets_and_history_shows_no_csp_violation(staff_page, site):
    page = staff_page()
    response = page.goto(site.url + site.paths["admin-change-form"])
    assert response.status == 200
    # Related articles: a labelled autocomplete (Django's select2) that searches under the policy.
    assert page.locator("label[for=id_related]").count() == 1
    page.locator(".field-related .select2-container").click()
    page.keyboard.type("ketamine")
    page.locator(".select2-results__option:not(.loading-results)").first.wait_for()
    page.keyboard.press("Escape")
    # The date and time shortcuts (the admin's own script) work under the policy.
    page.locator("#id_publish_at_0 ~ .datetimeshortcuts a").first.click()
    assert page.input_value("#id_publish_at_0")
    # The change form's history page (django-simple-history).
    assert violations(page) == []
    page.goto(site.url + site.paths["admin-change-form"] + "history/")
    assert violations(page) == []


def test_adding_and_saving_an_article_shows_no_csp_violation(staff_page, site):
    page = staff_page()
    page.goto(site.url + ADMIN + "education/article/add/")
    page.fill("input[name=title]", "A brand new article")
    page.locator("input[name=title]").blur()
    # The admin's script filled in the web address from the title: scripts ran under the policy.
    assert page.input_value("input[name=slug]") == "a-brand-new-article"
    page.select_option("select[name=topic]", index=1)
    page.fill("input[name=summary]", "A short summary.")
    # The body is written in the rich-text editor (its script, styles and icon font under the policy).
    body = page.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("A short, plain body.")
    assert page.locator(".field-body .prose-menubar").count() == 1
    # Two related articles picked in the autocomplete: found by a word, then chosen.
    for word, title in (("chronic", "Ketamine for chronic pain"), ("PTSD", "Ketamine for PTSD")):
        page.locator(".field-related .select2-container").click()
        page.keyboard.type(word)
        page.locator(".select2-results__option", has_text=title).first.click()
    chosen = page.locator("select[name=related] option:checked").evaluate_all("els => els.map(e => e.value)")
    assert len(chosen) == 2
    assert violations(page) == []
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert "/change/" in page.url, "the article was not saved"
    page.wait_for_load_state("networkidle")
    # The related articles were saved with it.
    saved = page.locator("select[name=related] option:checked").evaluate_all("els => els.map(e => e.value)")
    assert sorted(saved) == sorted(chosen)
    assert violations(page) == []


def test_the_policy_really_blocks_inline_script_and_style_in_the_admin(staff_page, site, visitor):
    page = staff_page()
    page.goto(site.url + ADMIN)
    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.__ran = true';
          document.body.append(script);
          document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
        }"""
    )
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__ran") is None
    blocked = " ".join(violations(page))
    assert "script-src" in blocked and "style-src" in blocked
    visitor.console_errors.clear()  # these refusals were the point of this test


@pytest.mark.parametrize(("model", "label"), [("faq", "Answer"), ("safetyitem", "Guidance")])
def test_faq_and_safety_change_forms_have_the_editor_and_no_csp_violation(staff_page, site, model, label):
    page = staff_page()
    page.goto(site.url + ADMIN + f"education/{model}/")
    with page.expect_navigation():
        page.locator("#result_list tbody tr th a").first.click()
    editor = page.get_by_role("textbox", name=label)
    editor.click()
    expect(editor).to_be_focused()
    # Under load the click's own caret placement landed after an at-once Control+End, and the
    # words went mid-sentence: press it until the caret really is at the end of the text.
    for _ in range(10):
        page.keyboard.press("Control+End")
        if editor.evaluate(CARET_AT_END):
            break
        page.wait_for_timeout(100)
    page.keyboard.type(" More.")
    assert page.get_by_role("button", name="Link to one of our pages").count() == 1
    # Typed at the very end: in the last paragraph, or the last list item if the text ends in a list.
    # The editor copies its text into the form's field as you type: wait for it (retried, up to 5 s).
    expect(page.locator(f"textarea[name={label.lower()}]")).to_have_value(
        re.compile(r" More\.</(p|li)>(</[ou]l>)?$")
    )
    assert violations(page) == []
