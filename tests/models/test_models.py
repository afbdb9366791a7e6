"""The published rule, derived fields and review dates on the content models."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from education.models import Article, ClinicDetails, GlossaryTerm, Status
from education.models.base import ENDED, LIVE, SCHEDULED, add_months, patient_state

pytestmark = pytest.mark.django_db


def test_only_published_articles_inside_their_window_are_public(make_article):
    now = timezone.now()
    visible = make_article(title="Visible")
    make_article(title="Draft", status=Status.DRAFT)
    make_article(title="In review", status=Status.IN_REVIEW)
    make_article(title="Archived", status=Status.ARCHIVED)
    make_article(title="Later", publish_at=now + datetime.timedelta(days=1))
    make_article(title="Expired", unpublish_at=now - datetime.timedelta(minutes=1))
    started = make_article(title="Started", publish_at=now - datetime.timedelta(minutes=1))
    assert set(Article.objects.published(now=now)) == {visible, started}


def test_article_becomes_public_exactly_at_its_publish_time(make_article):
    at = timezone.now() + datetime.timedelta(hours=2)
    article = make_article(publish_at=at)
    assert (
        not Article.objects.published(now=at - datetime.timedelta(seconds=1)).filter(pk=article.pk).exists()
    )
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()
    assert article.is_visible_to_patients(now=at)


def test_one_row_and_the_queryset_agree_on_what_patients_see(make_article):
    """patient_state (labels, list columns, image pages) is the published rule for a row in memory:
    it must never call live what the querysets hide, nor the other way round."""
    now = timezone.now()
    rows = {
        "visible": make_article(),
        "draft": make_article(status=Status.DRAFT),
        "in review": make_article(status=Status.IN_REVIEW),
        "archived": make_article(status=Status.ARCHIVED),
        "later": make_article(publish_at=now + datetime.timedelta(days=1)),
        "expired": make_article(unpublish_at=now - datetime.timedelta(minutes=1)),
        "started": make_article(publish_at=now - datetime.timedelta(minutes=1)),
        "ends later": make_article(unpublish_at=now + datetime.timedelta(days=1)),
    }
    published = set(Article.objects.published(now=now))
    scheduled = set(Article.objects.scheduled(now=now))
    for name, row in rows.items():
        state = patient_state(row, now)
        assert (state == LIVE) == (row in published), name
        assert (state == SCHEDULED) == (row in scheduled), name
    assert patient_state(rows["expired"], now) == ENDED
    assert patient_state(rows["draft"], now) is None


def test_a_switched_off_term_is_not_live_and_active_lists_only_switched_on_ones(make_term):
    shown, hidden = make_term(), make_term(active=False)
    assert list(GlossaryTerm.objects.active()) == [shown]
    assert (patient_state(shown), patient_state(hidden)) == (LIVE, None)


def test_saving_renders_markdown_and_measures_the_text(make_article):
    article = make_article(body="## Heading\n\nYou rest. You go home. " * 3)
    assert article.body_html.startswith("<h2>Heading</h2>")
    assert article.word_count > 0
    assert article.reading_grade is not None
    assert article.reading_minutes == 1


def test_key_points_are_split_into_a_list(make_article):
    article = make_article(key_points="- One\n\n* Two\n  Three  ")
    assert article.key_point_list == ["One", "Two", "Three"]


def test_slugs_are_unique(make_article):
    make_article(slug="same")
    with pytest.raises(IntegrityError):
        make_article(slug="same")


def test_next_review_is_interval_months_after_last_review(make_article):
    article = make_article(last_reviewed=datetime.date(2025, 1, 31), review_interval_months=1)
    assert article.next_review_due == datetime.date(2025, 2, 28)
    assert article.is_review_overdue(today=datetime.date(2025, 3, 1))
    assert not article.is_review_overdue(today=datetime.date(2025, 2, 28))


def test_never_reviewed_content_counts_as_overdue(make_article):
    assert make_article(last_reviewed=None).is_review_overdue()


def test_add_months_crosses_year_end():
    assert add_months(datetime.date(2025, 11, 15), 12) == datetime.date(2026, 11, 15)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_clinic_details_is_a_single_record():
    ClinicDetails(name="First").save()
    ClinicDetails(name="Another").save()
    assert ClinicDetails.objects.count() == 1
    assert ClinicDetails.load().pk == 1
    assert ClinicDetails.load().name == "Another"


def test_reading_clinic_details_never_writes_to_the_database(client):
    assert ClinicDetails.load().name == "[Clinic name]"
    client.get("/")
    assert not ClinicDetails.objects.exists()
