"""Editor → reviewer through the review queue in real Chromium: the Editor's change of a live
article is a draft (patients keep the approved text), the reviewer finds it in the queue on the
admin home page, compares and approves it, and the page changes. axe-core passes on every admin
page visited."""

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS, describe

PASSWORD = "a long browser test password 2"


def run_in_thread(func):
    """Database work off the Playwright thread (Django refuses queries where an event loop runs)."""
    result, errors = {}, []

    def target():
        try:
            result["value"] = func()
        except Exception as error:  # noqa: BLE001 - re-raised below
            errors.append(error)
        finally:
            from django.db import connections

            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if errors:
        raise errors[0]
    return result.get("value")


@pytest.fixture(scope="module")
def staff(site, django_db_blocker):
    def create():
        from django.contrib.auth.models import Group, User

        from education.models import MedicalReviewer

        with django_db_blocker.unblock():
            editor = User.objects.create_user("browser-editor", "editor@example.org", PASSWORD, is_staff=True)
            editor.groups.add(Group.objects.get(name="Editors"))
            clinician = User.objects.create_user(
                "browser-clinician", "dr@example.org", PASSWORD, is_staff=True
            )
            clinician.groups.add(Group.objects.get(name="Medical reviewers"))
            MedicalReviewer.objects.create(user=clinician, name="Dr. Browser", credentials="MD")

    run_in_thread(create)
    return {"editor": "browser-editor", "reviewer": "browser-clinician"}


def sign_in(visitor, site, username):
    page = visitor.new_page()
    page.goto(site.url + site.paths["admin-login"])
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    assert "/login/" not in page.url
    return page


def assert_accessible(visitor, page, what):
    before = len(visitor.console_errors)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    del visitor.console_errors[before:]  # axe's own probes trip the CSP; they are not the page's
    assert not violations, f"{what}:\n{describe(violations)}"


def test_editor_to_reviewer_through_the_queue(visitor, site, staff):
    article_url = site.url + site.paths["article"]
    change_url = site.url + site.paths["admin-change-form"]
    new_summary = "A summary rewritten by the editor for the browser test."

    editor = sign_in(visitor, site, staff["editor"])
    editor.goto(change_url)
    assert "What patients see: Live" in editor.content()
    assert_accessible(visitor, editor, "article change page (editor)")
    old_summary = editor.input_value("input[name=summary]")
    editor.fill("input[name=summary]", new_summary)
    with editor.expect_navigation():
        editor.locator("input[name=_save]").click()
    assert "/admin/education/draft/" in editor.url
    assert "Saved as a draft" in editor.content()
    assert_accessible(visitor, editor, "draft review page (editor)")
    editor.fill("textarea[name=note]", "Shorter summary for phones")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Submit for medical review").click()
    assert "was sent for medical review" in editor.content()
    editor.goto(site.url + "/admin/")
    assert "Your drafts (1)" in editor.content()
    assert_accessible(visitor, editor, "admin home (editor)")

    patient = visitor.new_page()
    patient.goto(article_url)
    assert old_summary in patient.content() and new_summary not in patient.content()

    reviewer = sign_in(visitor, site, staff["reviewer"])
    reviewer.goto(site.url + "/admin/")
    queue = reviewer.locator("#review-queue")
    assert "Shorter summary for phones" in queue.inner_text()
    assert_accessible(visitor, reviewer, "admin home with the review queue (reviewer)")
    with reviewer.expect_navigation():
        queue.get_by_role("link", name=site.paths["article-title"]).click()
    reviewer.wait_for_load_state("networkidle")
    assert new_summary in reviewer.locator(".version-diff").inner_text()
    draft_frame = reviewer.frame_locator("iframe[title^='Draft version']")
    # The summary is the page's description (search engines and link previews show it).
    assert draft_frame.locator("meta[name=description]").get_attribute("content") == new_summary
    assert_accessible(visitor, reviewer, "draft review page with side-by-side preview (reviewer)")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Approve").click()
    assert "approved and is live now, signed by Dr. Browser" in reviewer.content()
    assert_accessible(visitor, reviewer, "draft review page after approval")
    reviewer.goto(site.url + "/admin/education/draft/")
    assert_accessible(visitor, reviewer, "drafts list")

    patient.goto(article_url)
    assert new_summary in patient.content()
    assert "Medically reviewed by Dr. Browser" in patient.content()
