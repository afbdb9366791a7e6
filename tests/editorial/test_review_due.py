"""Medical review tracking: next-review dates, the overdue list, the admin panel and command."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from education.editorial import workflow
from education.models import Status

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 15)


def test_next_review_is_last_reviewed_plus_the_interval(make_article):
    article = make_article(last_reviewed=datetime.date(2024, 1, 31), review_interval_months=1)
    assert article.next_review_due == datetime.date(2024, 2, 29)
    assert make_article(last_reviewed=datetime.date(2024, 3, 1)).next_review_due == datetime.date(2025, 3, 1)


def test_review_interval_defaults_to_twelve_months(make_article):
    assert make_article().review_interval_months == 12


@pytest.mark.parametrize(
    ("last_reviewed", "state"),
    [
        (None, "overdue"),
        (datetime.date(2024, 6, 14), "overdue"),
        (datetime.date(2024, 6, 15), "due_soon"),  # due today
        (datetime.date(2024, 7, 15), "due_soon"),  # due in 30 days
        (datetime.date(2024, 7, 16), "ok"),  # due in 31 days
    ],
)
def test_review_state_boundaries(make_article, last_reviewed, state):
    assert workflow.review_state(make_article(last_reviewed=last_reviewed), today=TODAY) == state


def test_overdue_list_has_published_content_soonest_first(make_article, make_faq, make_safety_item):
    overdue = make_article(title="Overdue", last_reviewed=datetime.date(2023, 1, 1))
    soon = make_faq(last_reviewed=datetime.date(2024, 7, 1))
    never = make_safety_item(last_reviewed=None)
    make_article(title="Fresh", last_reviewed=datetime.date(2025, 6, 1))
    make_article(title="Draft", status=Status.DRAFT, last_reviewed=None)
    items = workflow.review_due(today=TODAY)
    assert [item.obj for item in items] == [never, overdue, soon]


def test_admin_index_lists_what_is_due(client, editor, make_article):
    make_article(title="Needs a look", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    make_article(title="Recently checked")
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Medical review due (1)" in page
    assert "Needs a look" in page
    assert "(overdue)" in page
    assert "Recently checked" not in page


def test_admin_filter_shows_only_overdue_content(client, editor, make_article):
    make_article(title="Needs a look", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    make_article(title="Recently checked")
    client.force_login(editor)
    page = client.get(reverse("admin:education_article_changelist") + "?review=overdue").content.decode()
    assert "Needs a look" in page
    assert "Recently checked" not in page


def test_change_page_flags_overdue_review(client, editor, make_article):
    article = make_article(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    client.force_login(editor)
    page = client.get(reverse("admin:education_article_change", args=[article.pk])).content.decode()
    assert "Medical review overdue" in page


def test_review_due_command_lists_and_emails(make_article, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_article(title="Needs a look", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    call_command("review_due", "--email", "clinic@example.org")
    out = capsys.readouterr().out
    assert "OVERDUE since" in out and "“Needs a look”" in out
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clinic@example.org"]
    assert "Needs a look" in mail.outbox[0].body


def test_review_due_command_says_when_nothing_is_due(make_article, capsys):
    make_article()
    call_command("review_due")
    assert "Nothing published is due for medical review" in capsys.readouterr().out
