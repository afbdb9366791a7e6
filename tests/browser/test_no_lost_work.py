"""Issue 31 in real Chromium, by clicks: "Save and submit" sends the text in the form; leaving an
edited form asks first; discarding asks first and the draft can be restored; a new article is sent
back with a comment the editor sees; the drafts list, the home panel and the queue agree; restoring
an old version keeps the review details. axe-core passes on each new page."""

import re

import pytest

from education.editorial import panels

from .test_draft_review_flow import assert_accessible, run_in_thread, sign_in

PASSWORD = "a long browser test password 2"


@pytest.fixture(scope="module")
def people(site, django_db_blocker):
    def create():
        from django.contrib.auth.models import Group, User

        from education.models import MedicalReviewer

        with django_db_blocker.unblock():
            editor = User.objects.create_user("noloss-editor", "", PASSWORD, is_staff=True)
            editor.groups.add(Group.objects.get(name="Editors"))
            clinician = User.objects.create_user("noloss-clinician", "", PASSWORD, is_staff=True)
            clinician.groups.add(Group.objects.get(name="Medical reviewers"))
            MedicalReviewer.objects.create(user=clinician, name="Dr. No Loss", credentials="MD")

    run_in_thread(create)
    return {"editor": "noloss-editor", "reviewer": "noloss-clinician"}


def db(django_db_blocker, func):
    def run():
        with django_db_blocker.unblock():
            return func()

    return run_in_thread(run)


def new_article(django_db_blocker, slug, status="draft", **fields):
    def create():
        from education.models import Article, MedicalReviewer, Topic

        values = {
            "title": f"Browser {slug}",
            "slug": slug,
            "topic": Topic.objects.first(),
            "summary": "The first summary.",
            "key_points": "One\nTwo\nThree",
            "body": "<h2>What it is</h2><p>Short text you can read.</p>",
            "status": status,
        }
        if status == "published":
            values["reviewer"] = MedicalReviewer.objects.get(name="Dr. No Loss")
        article = Article.objects.create(**{**values, **fields})
        return article.pk

    return db(django_db_blocker, create)


def article_row(django_db_blocker, pk):
    from education.models import Article

    return db(django_db_blocker, lambda: Article.objects.select_related("reviewer").get(pk=pk))


def change_url(site, pk):
    return f"{site.url}/admin/education/article/{pk}/change/"


def test_save_and_submit_sends_the_new_text_and_leaving_an_edited_form_asks_first(
    visitor, site, people, django_db_blocker
):
    pk = new_article(django_db_blocker, "noloss-submit")
    editor = sign_in(visitor, site, people["editor"])
    editor.goto(change_url(site, pk))
    assert_accessible(visitor, editor, "new article's change page with Save and submit (editor)")

    dialogs = []
    editor.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    summary = editor.locator("input[name=summary]")
    summary.click()
    summary.press("End")
    summary.press_sequentially(" Typed, never saved.")
    editor.get_by_role("link", name="Home").first.click()  # leaving: the browser asks, we stay
    editor.wait_for_timeout(300)  # the dialog is dismissed by the handler; nothing to wait for
    assert dialogs == ["beforeunload"] and "/change/" in editor.url

    editor.fill("textarea[name=_review_note]", "Ready for a look")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Save and submit for medical review").click()
    assert dialogs == ["beforeunload"]  # submitting the form itself does not ask
    assert "Saved and sent for medical review" in editor.content()
    article = article_row(django_db_blocker, pk)
    assert article.status == "in_review" and article.summary == "The first summary. Typed, never saved."


def test_discard_asks_first_and_the_draft_can_be_restored(visitor, site, people, django_db_blocker):
    pk = new_article(django_db_blocker, "noloss-discard", status="published")
    editor = sign_in(visitor, site, people["editor"])
    editor.goto(change_url(site, pk))
    editor.fill("input[name=summary]", "A draft summary worth keeping.")
    with editor.expect_navigation():
        editor.locator("input[name=_save]").click()
    assert "/admin/education/draft/" in editor.url
    draft_page = editor.url

    with editor.expect_navigation():
        editor.get_by_role("link", name="Discard this draft…").click()
    assert "Are you sure?" in editor.content()
    assert_accessible(visitor, editor, "discard confirmation page")
    with editor.expect_navigation():
        editor.get_by_role("link", name="No, take me back").click()
    assert editor.url == draft_page and "Draft (not submitted)" in editor.content()

    with editor.expect_navigation():
        editor.get_by_role("link", name="Discard this draft…").click()
    with editor.expect_navigation():
        editor.get_by_role("button", name="Yes, discard the draft").click()
    assert "was discarded" in editor.content() and "Discarded" in editor.content()
    assert_accessible(visitor, editor, "discarded draft with its restore button")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Restore this draft").click()
    assert "is open again" in editor.content()
    editor.goto(change_url(site, pk))
    assert editor.input_value("input[name=summary]") == "A draft summary worth keeping."


def test_a_new_article_is_sent_back_with_a_comment_the_editor_sees(visitor, site, people, django_db_blocker):
    pk = new_article(django_db_blocker, "noloss-sendback")
    editor = sign_in(visitor, site, people["editor"])
    editor.goto(change_url(site, pk))
    with editor.expect_navigation():
        editor.get_by_role("button", name="Save and submit for medical review").click()

    reviewer = sign_in(visitor, site, people["reviewer"])
    reviewer.goto(change_url(site, pk))
    assert_accessible(visitor, reviewer, "new article in review (reviewer)")
    reviewer.fill("#id_send_back_comment", "Please add when to stop eating before treatment.")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Send back with comment").click()
    assert "sent back with your comment" in reviewer.content()

    editor.goto(site.url + "/admin/")
    panel = editor.locator("#review-queue")
    row = panel.locator("tr", has_text="Browser noloss-sendback").inner_text()
    assert "sent back for changes" in row
    with editor.expect_navigation():
        panel.get_by_role("link", name="Browser noloss-sendback").click()
    conversation = editor.locator(".review-events").inner_text()
    assert "sent back" in conversation and "Please add when to stop eating" in conversation
    assert editor.get_by_role("button", name="Save and resubmit for medical review").is_visible()


def test_the_drafts_list_the_panel_and_the_queue_agree(visitor, site, people, django_db_blocker):
    pk = new_article(django_db_blocker, "noloss-lists")
    editor = sign_in(visitor, site, people["editor"])
    editor.goto(change_url(site, pk))
    with editor.expect_navigation():
        editor.get_by_role("button", name="Save and submit for medical review").click()

    reviewer = sign_in(visitor, site, people["reviewer"])
    for who, caption in ((editor, panels.YOUR_DRAFTS), (reviewer, panels.AWAITING_REVIEW)):
        who.goto(site.url + "/admin/")
        panel = who.locator("#review-queue")
        heading = panel.locator("#review-queue-heading").text_content()
        count = int(re.fullmatch(rf"{re.escape(caption)} \((\d+)\)", heading.strip()).group(1))
        titles = sorted(panel.locator("tbody th a").all_inner_texts())
        assert count == len(titles) and "Browser noloss-lists" in titles
        with who.expect_navigation():
            panel.get_by_role(
                "link", name=re.compile(rf"View all .*drafts and new items.* \({count}\)")
            ).click()
        listed = sorted(
            who.locator("#result_list tbody th a, #result_list tbody td.field-title_link a").all_inner_texts()
        )
        assert listed == titles, f"{caption}: panel {titles}, drafts list {listed}"
        assert f"{count} draft" in who.locator("#changelist .paginator").inner_text()
    assert_accessible(visitor, who, "drafts list filtered to the reviewer's queue")


def test_restoring_an_old_version_keeps_the_review_details(visitor, site, people, django_db_blocker):
    pk = new_article(django_db_blocker, "noloss-restore", status="published", summary="Old summary.")

    def review_now():
        import datetime

        from education.models import Article, MedicalReviewer

        article = Article.objects.get(pk=pk)
        article.summary = "Newer summary."
        article.reviewer = MedicalReviewer.objects.create(name="Dr. Current", credentials="MD")
        article.last_reviewed = datetime.date(2026, 11, 30)
        article.save()

    db(django_db_blocker, review_now)
    reviewer = sign_in(visitor, site, people["reviewer"])
    reviewer.goto(f"{site.url}/admin/education/article/{pk}/history/")
    with reviewer.expect_navigation():
        reviewer.get_by_role("link", name="Restore this version").first.click()
    assert_accessible(visitor, reviewer, "restore confirmation page")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Restore this version").click()
    assert "Restored the version" in reviewer.content()
    article = article_row(django_db_blocker, pk)
    assert article.summary == "Old summary."
    assert article.reviewer.name == "Dr. Current" and str(article.last_reviewed) == "2026-11-30"
