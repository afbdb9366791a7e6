"""What a patient sees on each public page, and what they never see."""

import datetime

import pytest
from django.test import override_settings

from education.models import ClinicDetails, FAQCategory, Status

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/faq/", "/safety/", "/glossary/", "/prepare/"]


def test_home_lists_topics_featured_articles_and_the_prepare_path(client, make_article, topic):
    make_article(title="Featured one", featured=True)
    make_article(title="Not featured")
    make_article(title="Featured draft", featured=True, status=Status.DRAFT)
    page = client.get("/").content.decode()
    assert topic.name in page and topic.summary in page
    assert "Featured one" in page
    assert "Not featured" not in page and "Featured draft" not in page
    assert 'href="/prepare/"' in page and "Prepare for your first visit" in page


def test_topic_page_lists_only_its_published_articles(client, make_article, topic):
    make_article(title="Pain relief basics")
    make_article(title="Secret draft", status=Status.DRAFT)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pain relief basics" in page and "Secret draft" not in page


def test_topic_page_paginates_and_survives_bad_page_numbers(client, make_article, topic):
    for n in range(25):
        make_article(title=f"Paged {n:02d}")
    first = client.get(topic.get_absolute_url()).content.decode()
    assert "Page 1 of 2" in first and "Paged 00" in first and "Paged 24" not in first
    for bad in ["abc", "-1", "0", "99999", "1.5", "%00"]:
        # Redirected to the page meant (the last one for a number past the end), never a 500.
        response = client.get(topic.get_absolute_url(), {"page": bad})
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200


def test_article_page_shows_key_points_first_then_body_sources_and_review(client, make_article, reviewer):
    article = make_article(
        title="What to expect",
        key_points="You rest in a quiet room\nSomeone drives you home\nTell us your medicines",
        body="## The day\n\nYou arrive and check in.",
        last_reviewed=datetime.date(2026, 3, 4),
        references=[
            {"title": "Spravato label", "publisher": "FDA", "year": 2025, "url": "https://www.fda.gov/"}
        ],
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Key points") < page.index("You rest in a quiet room") < page.index("The day")
    assert "<h2>The day</h2>" in page
    assert "Spravato label" in page and "FDA, 2025" in page
    assert f"Medically reviewed by {reviewer.name}, {reviewer.credentials}, on" in page
    assert "March 4, 2026" in page
    assert page.count("<h1") == 1


def test_article_links_only_to_published_related_articles(client, make_article):
    article = make_article()
    shown = make_article(title="Shown related")
    hidden = make_article(title="Hidden related", status=Status.DRAFT)
    article.related.set([shown, hidden])
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Shown related" in page and "Hidden related" not in page


def test_unpublished_articles_are_not_found_for_patients(client, make_article, unpublished):
    article = make_article(**unpublished)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.title not in response.content.decode()
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/articles/no-such-article/",
        "/topics/nope/",
        "/articles/%00/",
        "/articles/../../etc/passwd",
        "/x" * 300,
    ],
)
def test_unknown_and_malformed_addresses_get_the_styled_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_faq_page_groups_questions_in_accordions_with_anchors(client, make_faq):
    treatment = FAQCategory.objects.create(name="Treatment day", slug="treatment-day", order=2)
    make_faq(question="What should I bring?", slug="what-to-bring")
    make_faq(question="How long is a visit?", slug="visit-length", category=treatment)
    make_faq(question="Hidden draft question?", status=Status.DRAFT)
    page = client.get("/faq/").content.decode()
    assert page.index("Before your first visit") < page.index("Treatment day")
    assert '<details id="what-to-bring"' in page and "<summary>What should I bring?</summary>" in page
    assert 'href="/faq/treatment-day/visit-length/"' in page and 'href="#treatment-day"' in page
    assert "Hidden draft question?" not in page


def test_safety_page_shows_items_with_why_and_guidance(client, make_safety_item):
    make_safety_item(
        title="High blood pressure", why="Treatment raises blood pressure.", guidance="**Tell us**"
    )
    make_safety_item(title="Draft item", status=Status.DRAFT)
    page = client.get("/safety/").content.decode()
    assert "High blood pressure" in page and "Treatment raises blood pressure." in page
    assert "<strong>Tell us</strong>" in page
    assert "Draft item" not in page


def test_glossary_lists_terms_alphabetically_with_anchors(client, make_term):
    make_term(term="Remission", slug="remission", definition="When symptoms go away.")
    make_term(term="Dissociation", slug="dissociation", definition="Feeling detached.")
    page = client.get("/glossary/").content.decode()
    assert page.index("Dissociation") < page.index("Remission")
    assert 'id="remission"' in page and "When symptoms go away." in page


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_has_crisis_links_disclaimer_and_skip_link(client, path):
    clinic = ClinicDetails.load()
    page = client.get(path).content.decode()
    assert 'href="tel:988"' in page and 'href="sms:988"' in page and 'href="tel:911"' in page
    assert "988lifeline.org" in page
    assert clinic.disclaimer in page
    assert clinic.not_for_emergencies in page
    assert 'href="#main"' in page and 'id="main"' in page


def test_clinic_details_edits_show_on_every_page(client):
    clinic = ClinicDetails.load()
    clinic.name = "Riverside Wellness Clinic"
    clinic.phone = "555-0100"
    clinic.save()
    for path in PUBLIC_PAGES:
        page = client.get(path).content.decode()
        assert "Riverside Wellness Clinic" in page and "555-0100" in page


def test_404_for_unknown_page_even_with_debug_off(client):
    with override_settings(DEBUG=False):
        response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_page_is_ours_and_works_without_the_database(rf):
    from education.site.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and "988" in page
    assert "Traceback" not in page
