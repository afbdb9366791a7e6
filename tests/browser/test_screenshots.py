"""The staff workflow in pictures, for docs/staff-guide.md: an Editor changes a live article and
submits the draft, a Medical reviewer finds it in the queue and approves it, and a staff member
sets up two-factor sign-in.

Every run walks the workflow and checks each page says what the guide says it does. With
SCREENSHOTS=1 (`make screenshots`) it also writes the guide's pictures to docs/img/: the browser
window at 1280 x 800, reduced to a 64-colour palette so the set stays a few hundred KB.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from .test_draft_review_flow import PASSWORD, assert_accessible, run_in_thread, sign_in

pytestmark = pytest.mark.screenshots

IMAGES = Path(settings.BASE_DIR) / "docs" / "img"
WRITE = os.environ.get("SCREENSHOTS", "").strip().lower() in {"1", "true", "yes"}
SIZE = {"width": 1280, "height": 800}


def picture(page, name):
    """Write docs/img/<name>.png of what the window shows (only with SCREENSHOTS=1)."""
    if not WRITE:
        return
    from PIL import Image

    IMAGES.mkdir(parents=True, exist_ok=True)
    path = IMAGES / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


@pytest.fixture(scope="module")
def guide_staff(site, django_db_blocker):
    """An Editor, a linked Medical reviewer, and a live article no other browser test drafts."""

    def create():
        from django.contrib.auth.models import Group, User

        from education.models import Article, Draft, MedicalReviewer

        with django_db_blocker.unblock():
            editor = User.objects.create_user("sam.editor", "sam@clinic.example", PASSWORD, is_staff=True)
            editor.groups.add(Group.objects.get(name="Editors"))
            clinician = User.objects.create_user("dr.ruiz", "ruiz@clinic.example", PASSWORD, is_staff=True)
            clinician.groups.add(Group.objects.get(name="Medical reviewers"))
            MedicalReviewer.objects.create(
                user=clinician, name="Dr. Ana Ruiz", credentials="MD, psychiatrist"
            )
            crawled = int(site.paths["admin-change-form"].split("/")[-3])  # test_draft_review_flow's
            taken = [*Draft.objects.values_list("object_id", flat=True), crawled]
            article = Article.objects.published().exclude(pk__in=taken).order_by("pk").first()
            return article.pk, article.title

    article, title = run_in_thread(create)
    return {"editor": "sam.editor", "reviewer": "dr.ruiz", "article": article, "title": title}


def staff_page(visitor, site, username):
    page = sign_in(visitor, site, username)
    page.set_viewport_size(SIZE)
    return page


def test_the_staff_workflow_in_pictures(visitor, site, guide_staff):
    editor = staff_page(visitor, site, guide_staff["editor"])
    editor.goto(f"{site.url}/admin/education/article/{guide_staff['article']}/change/")
    editor.wait_for_load_state("networkidle")
    assert "What patients see: Live" in editor.content()
    new_summary = "What happens at a treatment visit, from arrival to the ride home."
    editor.fill("input[name=summary]", new_summary)
    editor.locator("input[name=summary]").focus()
    picture(editor, "1-edit-a-live-article")

    with editor.expect_navigation():
        editor.get_by_role("button", name="Save", exact=True).click()
    assert "Saved as a draft" in editor.content()
    editor.fill("textarea[name=note]", "Shorter summary for phones")
    editor.evaluate("document.querySelector('#changes-heading').scrollIntoView()")
    picture(editor, "2-draft-compare-and-submit")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Submit for medical review").click()
    assert "was sent for medical review" in editor.content()

    reviewer = staff_page(visitor, site, guide_staff["reviewer"])
    reviewer.goto(site.url + "/admin/")
    queue = reviewer.locator("#review-queue")
    assert "Shorter summary for phones" in queue.inner_text()
    queue.scroll_into_view_if_needed()
    picture(reviewer, "3-review-queue")
    with reviewer.expect_navigation():
        queue.get_by_role("link", name=guide_staff["title"]).click()
    assert new_summary in reviewer.locator(".version-diff").first.inner_text()
    reviewer.evaluate("document.querySelector('#steps-heading').scrollIntoView()")
    picture(reviewer, "4-approve-or-send-back")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Approve").click()
    assert "approved and is live now, signed by Dr. Ana Ruiz" in reviewer.content()

    reviewer.goto(site.url + "/admin/two-factor/")
    assert reviewer.locator(".two-factor-qr svg").is_visible()
    picture(reviewer, "5-two-factor-set-up")
    assert_accessible(visitor, reviewer, "two-factor set-up page (reviewer)")
