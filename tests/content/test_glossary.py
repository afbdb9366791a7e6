"""The glossary: one page with every definition while it is small, one page a letter when it is long."""

import random
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.html import escape

from education.content.views import GLOSSARY_ONE_PAGE_MAX
from education.management.commands.generate_bench_data import WORDS, sentence
from education.models import GlossaryTerm
from tests.test_page_weight import PAGE_BUDGET, first_visit

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NOT_FOUND = "We could not find that page"


def bench_terms(count, start=0):
    """Terms like `manage.py generate_bench_data` makes: "Session nausea 12", a sentence each."""
    rng = random.Random(start)
    return GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            term=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}",
            slug=f"bench-term-{n}",
            definition=sentence(rng, 16),
        )
        for n in range(start, start + count)
    )


def defined_terms(page):
    """{anchor id: term} of every definition on the page."""
    return dict(re.findall(r'<dt id="([^"]+)">([^<]*)</dt>', page))


def letter_links(page):
    """[(address, letter, number of terms)] of the letter navigation to the letter pages."""
    found = re.findall(r'<li><a href="(/glossary/[^"#]+/)">([^<]+)</a> \((\d+)\)</li>', page)
    return [(url, label, int(n)) for url, label, n in found]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_small_glossary_is_one_page_with_every_definition(client, demo_content):
    terms = list(GlossaryTerm.objects.all())
    assert 0 < len(terms) <= GLOSSARY_ONE_PAGE_MAX
    page = get(client, "/glossary/")
    assert defined_terms(page) == {term.slug: escape(term.term) for term in terms}
    for term in terms:
        assert escape(term.definition) in page, term.term
    # The letters jump within the page; nothing sends the reader to another page for a definition.
    assert 'href="#letter-K"' in page and 'id="letter-K"' in page
    assert letter_links(page) == []


def test_the_glossary_stays_one_page_up_to_the_limit_then_lists_the_letters(client, make_term):
    bench_terms(GLOSSARY_ONE_PAGE_MAX - 1)
    make_term(term="Zygote", definition="A fertilised egg cell.")
    page = get(client, "/glossary/")
    assert len(defined_terms(page)) == GLOSSARY_ONE_PAGE_MAX and "A fertilised egg cell." in page

    make_term(term="Xenon", definition="A gas sometimes used in anaesthesia.")
    page = get(client, "/glossary/")
    assert defined_terms(page) == {} and "A gas sometimes used in anaesthesia." not in page
    links = letter_links(page)
    assert sum(n for _, _, n in links) == GLOSSARY_ONE_PAGE_MAX + 1
    assert ("/glossary/x/", "X", 1) in links and ("/glossary/z/", "Z", 1) in links
    assert [label for _, label, _ in links] == sorted(label for _, label, _ in links)


def test_each_letter_page_lists_exactly_its_terms_with_their_definitions(client):
    terms = bench_terms(500)
    links = letter_links(get(client, "/glossary/"))
    assert len(links) > 10
    seen = {}
    for url, label, count in links:
        page = get(client, url)
        expected = {term.slug: term.term for term in terms if term.term[0] == label}
        assert defined_terms(page) == expected, label
        assert len(expected) == count, label
        assert all(escape(term.definition) in page for term in terms if term.slug in expected)
        assert f"<h1>Glossary: {label}</h1>" in page
        assert 'aria-current="page">Glossary</a>' in page  # the main menu's Glossary item
        seen |= expected
    assert len(seen) == len(terms)


def test_a_long_glossary_and_every_letter_page_fit_the_first_visit_budget(client):
    bench_terms(500)
    page = get(client, "/glossary/")
    for url in ["/glossary/", *(url for url, _, _ in letter_links(page))]:
        total, parts = first_visit(client.get(url))
        assert total <= PAGE_BUDGET, (url, total, parts)


ODD_TERMS = {
    "5-HT3 receptor": "/glossary/0-9/",
    "(Pre)medication": "/glossary/0-9/",
    "α-2 agonist": "/glossary/0-9/",
    "Échographie": "/glossary/e/",
    "esketamine": "/glossary/e/",
    "Electrocardiogram": "/glossary/e/",
    "Ketamine": "/glossary/k/",
}


@pytest.mark.parametrize("others", [0, GLOSSARY_ONE_PAGE_MAX], ids=["small", "long"])
def test_every_term_link_opens_a_page_with_that_term(client, make_term, others):
    bench_terms(others)
    for n, text in enumerate(ODD_TERMS):
        make_term(term=text, slug=f"odd-{n}", definition=f"Meaning number {n}.")
    for term in GlossaryTerm.objects.all():
        url = term.get_absolute_url()
        path, anchor = url.split("#")
        assert anchor == term.slug
        if term.term in ODD_TERMS:
            assert path == ODD_TERMS[term.term], term.term
        page = get(client, path)
        assert defined_terms(page).get(anchor) == escape(term.term), url
        assert escape(term.definition) in page


def test_terms_starting_with_no_letter_share_the_hash_page(client, make_term):
    make_term(term="5-HT3 receptor", definition="Where some anti-sickness medicines work.")
    page = get(client, "/glossary/0-9/")
    assert "<h1>Glossary: #</h1>" in page
    assert "<title>Glossary: medical words starting with a number or symbol ·" in page
    assert "Where some anti-sickness medicines work." in page


@pytest.mark.parametrize(
    "path",
    [
        "/glossary/a/",  # a letter without terms
        "/glossary/0-9/",  # no term starts with a digit or symbol
        "/glossary/ke/",
        "/glossary/1/",
        "/glossary/%23/",
        "/glossary/%C3%A9/",
        "/glossary/-/",
        "/glossary/k%00/",
        "/glossary/k/x/",
    ],
)
def test_letters_without_terms_and_anything_else_are_not_found(client, make_term, path):
    make_term(term="Ketamine")
    response = client.get(path)
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_a_capital_letter_goes_to_the_letter_page(client, make_term):
    make_term(term="Ketamine")
    response = client.get("/glossary/K/")
    assert response.status_code == 301 and response["Location"] == "/glossary/k/"


def test_sitemap_lists_the_letter_pages_that_have_terms(client, make_term):
    for text in ["Ketamine", "Esketamine", "Échographie", "5-HT3 receptor"]:
        make_term(term=text)
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall("sm:url", SITEMAP_NS)  # noqa: S314
    locations = {url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS) for url in urls}
    letters = sorted(loc for loc in locations if loc.startswith("http://testserver/glossary/"))
    assert letters == [
        "http://testserver/glossary/",
        "http://testserver/glossary/0-9/",
        "http://testserver/glossary/e/",
        "http://testserver/glossary/k/",
    ]
    assert all(locations[loc] is not None for loc in letters)
