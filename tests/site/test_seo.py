"""Search engines and sharing: titles, descriptions, canonical links, Open Graph, JSON-LD, sitemap, robots."""

import datetime
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from education.models import FAQ, Article, ClinicDetails, FAQCategory, GlossaryTerm, Status, Topic
from education.models.content import glossary_by_letter

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class Head(HTMLParser):
    """Collects what search engines and link previews read from a page."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta = {}
        self.links = {}
        self.json_ld = []
        self.h1 = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")
        elif tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json_ld":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def read_head(response):
    assert response.status_code == 200, response.status_code
    head = Head()
    head.feed(response.content.decode())
    return head


def public_pages():
    pages = [reverse(f"education:{name}") for name in ("home", "faq", "safety", "glossary", "prepare")]
    pages += [
        reverse("education:glossary_letter", args=[letter])
        for letter in glossary_by_letter(GlossaryTerm.objects.all())
    ]
    pages += [topic.get_absolute_url() for topic in Topic.objects.all()]
    pages += [article.get_absolute_url() for article in Article.objects.published()]
    pages += [
        reverse("education:faq_category", args=[category.slug])
        for category in FAQCategory.objects.filter(faqs__in=FAQ.objects.published()).distinct()
    ]
    pages += [
        reverse("education:faq_question", args=[item.category.slug, item.slug])
        for item in FAQ.objects.published().select_related("category")
    ]
    return pages


def test_every_public_page_has_its_own_title_and_description(client, demo_content):
    pages = public_pages()
    heads = {path: read_head(client.get(path)) for path in pages}
    titles = [head.title for head in heads.values()]
    descriptions = [head.meta["description"] for head in heads.values()]
    assert all(title.strip() for title in titles)
    assert all(description.strip() for description in descriptions)
    assert len(set(titles)) == len(pages), sorted(titles)
    assert len(set(descriptions)) == len(pages), sorted(descriptions)


def test_canonical_link_and_open_graph_describe_the_page_itself(client, demo_content):
    for path in public_pages():
        head = read_head(client.get(path + "?utm_source=newsletter"))
        address = f"http://testserver{path}"
        assert head.links["canonical"] == address, path
        assert head.meta["og:url"] == address
        assert head.title.startswith(head.meta["og:title"] + " · ")
        assert head.meta["og:description"] == head.meta["description"]
        assert head.meta["og:site_name"]
        assert head.meta["og:type"] == ("article" if path.startswith("/articles/") else "website")


def test_open_graph_title_shows_special_characters_once_escaped(client, make_article):
    article = make_article(title="Ketamine & you: “what to expect”", summary="Costs & coverage.")
    head = read_head(client.get(article.get_absolute_url()))
    assert head.meta["og:title"] == "Ketamine & you: “what to expect”"
    assert head.meta["og:description"] == "Costs & coverage."


def test_configured_site_address_is_used_for_canonical_links_and_the_sitemap(client, settings, make_article):
    settings.SITE_URL = "https://portal.example.org"
    article = make_article()
    head = read_head(client.get(article.get_absolute_url()))
    assert head.links["canonical"] == f"https://portal.example.org{article.get_absolute_url()}"
    assert json.loads(head.json_ld[0])["url"] == head.links["canonical"]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>https://portal.example.org{article.get_absolute_url()}</loc>" in sitemap
    assert "Sitemap: https://portal.example.org/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_article_json_ld_is_a_medical_web_page_matching_what_patients_see(client, demo_content, reviewer):
    # Demo articles claim no review, so give one a real review first (as staff would).
    article = Article.objects.published().filter(references__isnull=False).first()
    article.reviewer, article.last_reviewed, article.is_demo = reviewer, datetime.date(2026, 11, 2), False
    article.save()
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    head = read_head(response)
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["headline"] == head.h1 == article.title
    assert data["description"] == head.meta["description"]
    assert data["about"]["name"] == article.topic.name
    assert data["lastReviewed"] == article.last_reviewed.isoformat()
    assert f'datetime="{data["lastReviewed"]}"' in page
    assert data["reviewedBy"]["name"] == article.reviewer.name
    assert data["reviewedBy"]["hasCredential"]["name"] == article.reviewer.credentials
    assert escape(f"Medically reviewed by {article.reviewer.name}, {article.reviewer.credentials}") in page
    assert data["audience"]["@type"] == "Patient"
    cited = [citation["name"] for citation in data["citation"]]
    assert cited == [reference.title for reference in article.references.all()]
    assert cited
    for title in cited:
        assert escape(title) in page


def test_json_ld_cannot_end_its_script_element_early(client, make_article):
    title = "Ketamine </script><script>alert(1)</script> & you"
    article = make_article(title=title, summary="A <b>bold</b> summary")
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    data = json.loads(read_head(response).json_ld[0])
    assert data["headline"] == title
    assert data["description"] == "A <b>bold</b> summary"


def test_faq_json_ld_lists_exactly_the_questions_on_the_page(client, make_faq):
    shown = make_faq(question="Can I drive home?", answer="No. **Someone must drive you.**")
    make_faq(question="A draft question?", status=Status.DRAFT)
    response = client.get(reverse("education:faq"))
    page = response.content.decode()
    data = json.loads(read_head(response).json_ld[0])
    assert data["@type"] == "FAQPage"
    assert [item["name"] for item in data["mainEntity"]] == [shown.question]
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "No. Someone must drive you."
    assert "<summary>Can I drive home?</summary>" in page
    assert "A draft question?" not in page


def test_faq_category_and_question_json_ld_list_exactly_their_questions(client, make_faq):
    category = FAQCategory.objects.create(name="Treatment day", slug="treatment-day")
    shown = make_faq(
        category=category, question="Can I drive home?", answer="No. **Someone must drive you.**"
    )
    make_faq(category=category, question="A draft question?", status=Status.DRAFT)
    for url in (
        reverse("education:faq_category", args=["treatment-day"]),
        f"/faq/treatment-day/{shown.slug}/",
    ):
        head = read_head(client.get(url))
        (data,) = [json.loads(text) for text in head.json_ld]
        assert data["@type"] == "FAQPage" and data["url"] == head.links["canonical"]
        assert [item["name"] for item in data["mainEntity"]] == [shown.question]
        assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "No. Someone must drive you."
    assert read_head(client.get(f"/faq/treatment-day/{shown.slug}/")).h1 == shown.question


def test_faq_category_pages_have_their_canonical_address_on_every_page_number(client, make_faq):
    for _ in range(30):
        make_faq()
    head = read_head(client.get("/faq/before-your-first-visit/?page=2"))
    assert head.links["canonical"] == "http://testserver/faq/before-your-first-visit/"
    assert head.title.startswith("Before your first visit: questions and answers, page 2")


def test_sitemap_lists_published_faq_categories_and_questions_only(client, make_faq):
    ClinicDetails().save()
    visible = make_faq(slug="visible")
    empty = FAQCategory.objects.create(name="Nothing yet", slug="nothing-yet")
    now = timezone.now()
    hidden = [
        make_faq(status=Status.DRAFT, category=empty),
        make_faq(status=Status.ARCHIVED),
        make_faq(publish_at=now + datetime.timedelta(days=3)),
        make_faq(unpublish_at=now - datetime.timedelta(days=1)),
    ]
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall("sm:url", SITEMAP_NS)  # noqa: S314
    locations = {url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS).text for url in urls}
    assert "http://testserver/faq/before-your-first-visit/" in locations
    assert "http://testserver/faq/before-your-first-visit/visible/" in locations
    assert locations["http://testserver/faq/before-your-first-visit/visible/"] == (
        timezone.localtime(max(visible.updated_at, visible.category.updated_at)).date().isoformat()
    )
    assert "http://testserver/faq/nothing-yet/" not in locations
    for item in hidden:
        assert not any(loc.endswith(f"/{item.slug}/") for loc in locations), item.slug


def test_sitemap_lists_published_content_only_each_with_a_last_modified_date(client, make_article):
    ClinicDetails().save()  # in every page's footer: every page changed at least when it did
    published = make_article()
    now = timezone.now()
    hidden = [
        make_article(status=Status.DRAFT),
        make_article(status=Status.IN_REVIEW),
        make_article(status=Status.ARCHIVED),
        make_article(publish_at=now + datetime.timedelta(days=3)),
        make_article(unpublish_at=now - datetime.timedelta(days=1)),
    ]
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = ET.fromstring(response.content).findall("sm:url", SITEMAP_NS)  # noqa: S314 - our own output
    locations = {url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS) for url in urls}
    assert f"http://testserver{published.get_absolute_url()}" in locations
    assert f"http://testserver{published.topic.get_absolute_url()}" in locations
    assert "http://testserver/faq/" in locations
    for article in hidden:
        assert f"http://testserver{article.get_absolute_url()}" not in locations
    assert not any("/admin/" in loc or "/preview/" in loc for loc in locations)
    for loc, lastmod in locations.items():
        assert lastmod is not None and datetime.date.fromisoformat(lastmod.text[:10]), loc
    published_lastmod = locations[f"http://testserver{published.get_absolute_url()}"].text
    assert published_lastmod == timezone.localtime(published.updated_at).date().isoformat()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: /{settings.ADMIN_URL}/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/no-such-page/", "/articles/no-such-article/"])
def test_missing_pages_ask_search_engines_not_to_index_them(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_staff_preview_of_a_draft_is_never_indexed(client, superuser, make_article):
    draft = make_article(status=Status.DRAFT)
    client.force_login(superuser)
    response = client.get(reverse("education:article_preview", args=[draft.pk]))
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
