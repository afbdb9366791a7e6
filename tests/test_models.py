"""The published rule, derived fields and review dates on the content models."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from education.models import Article, ClinicDetails, Status
from education.models.base import add_months

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
