"""Keyboard editing in a few keystrokes: an Editor opens an article's change page, adds a sentence
to its body and submits it for medical review with the keyboard alone (no clicks), in at most
40 key presses counted from the change page loading to the submission confirmed, typed
characters included. The path: focus starts in the first field, each rich-text toolbar is one
Tab stop, a link after the main fields skips to the Save buttons (which stay at the bottom of the
window), and the draft page's previews stay out of the Tab order until opened."""

import re

import pytest

from .test_draft_review_flow import PASSWORD, assert_accessible, run_in_thread
from .test_keyboard import focused

MAX_KEYS = 40
SENTENCE = " Ask us."  # typed at the end of the body, so the last paragraph gains a sentence


@pytest.fixture(scope="module")
def keyboard_editor(site, django_db_blocker):
    """An Editor, and a live article with no open draft (other tests draft the crawl's article)."""

    def create():
        from django.contrib.auth.models import Group, User

        from education.models import Article, Draft

        with django_db_blocker.unblock():
            user = User.objects.create_user("keyboard-editor", "kbd@clinic.example", PASSWORD, is_staff=True)
            user.groups.add(Group.objects.get(name="Editors"))
            drafted = Draft.objects.values("object_id")
            article = Article.objects.published().exclude(pk__in=drafted).order_by("-pk").first()
            return article.pk

    return {"username": "keyboard-editor", "article": run_in_thread(create)}


class Keys:
    """The keyboard, counting every key press (each typed character is one)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.count += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.count += len(text)

    def tab_to(self, what, is_there, limit=30):
        """Tab as someone would: until the wanted control has focus (and fail if it never does)."""
        for _ in range(limit):
            self.press("Tab")
            if is_there(focused(self.page)):
                return
        pytest.fail(f"{what} was not reached in {limit} Tab presses")


def sign_in(visitor, site, username):
    page = visitor.new_page()
    page.goto(site.url + site.paths["admin-login"])
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()  # signing in is not part of the count
    return page


def test_edit_and_submit_an_article_by_keyboard_in_at_most_40_keys(visitor, site, keyboard_editor):
    page = sign_in(visitor, site, keyboard_editor["username"])
    page.goto(f"{site.url}/admin/education/article/{keyboard_editor['article']}/change/")
    page.wait_for_load_state("networkidle")
    keys = Keys(page)
    assert focused(page)["id"] == "id_title", "the change page should open with focus in its first field"

    keys.tab_to("the body editor", lambda el: el["tag"] == "div" and "Body" in (el["label"] or ""))
    to_body = keys.count
    keys.press("Control+End")
    keys.type(SENTENCE)
    keys.tab_to("the link past the other fields", lambda el: el["text"] == "Skip to the Save buttons")
    keys.press("Enter")
    keys.tab_to("Save", lambda el: el["name"] == "_save", limit=2)
    with page.expect_navigation():
        keys.press("Enter")
    assert "Saved as a draft" in page.content()

    # The draft page: the skip link, then the main content, where the previews are one closed toggle.
    keys.tab_to("the skip link", lambda el: el["text"] == "Skip to main content")
    keys.press("Enter")
    keys.tab_to("Submit for medical review", lambda el: el["text"] == "Submit for medical review")
    with page.expect_navigation():
        keys.press("Enter")
    assert "was sent for medical review" in page.content()
    print(f"keyboard path: {keys.count} keys ({to_body} Tab presses to the body, {len(SENTENCE)} typed)")
    assert keys.count <= MAX_KEYS, f"{keys.count} key presses (at most {MAX_KEYS})"

    def in_review():
        from education.models import Article, Draft

        draft = Draft.objects.get(object_id=keyboard_editor["article"], state=Draft.State.IN_REVIEW)
        return draft.data["fields"]["body"], Article.objects.get(pk=keyboard_editor["article"]).body

    body, live_body = run_in_thread(in_review)
    # The sentence typed at the end of the body's last paragraph is in the draft under review.
    assert re.search(r"[.!?]" + re.escape(SENTENCE) + r"</p>\s*(</li>\s*</[ou]l>\s*)*$", body), body[-200:]
    assert SENTENCE not in live_body  # patients keep the approved text until a reviewer approves
    assert_accessible(visitor, page, "draft page after submitting")


def test_the_rich_text_editor_and_its_toolbar_show_where_focus_is(visitor, site, keyboard_editor):
    page = sign_in(visitor, site, keyboard_editor["username"])
    page.goto(f"{site.url}/admin/education/article/{keyboard_editor['article']}/change/")
    page.wait_for_load_state("networkidle")
    keys = Keys(page)
    keys.tab_to(
        "the body's toolbar", lambda el: el["tag"] == "button" and el["toolbar"] == "Body: formatting"
    )
    assert focused(page)["outline"], "no visible focus ring on the toolbar"
    first = focused(page)["text"]
    keys.press("ArrowRight")
    assert focused(page)["text"] != first and focused(page)["toolbar"] == "Body: formatting"
    keys.press("Tab")
    editor = focused(page)
    assert editor["tag"] == "div" and "Body" in editor["label"], "Tab from the toolbar goes into the text"
    assert editor["outline"], "no visible focus ring on the rich-text editor"
