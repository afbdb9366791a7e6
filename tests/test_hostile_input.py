"""Every XSS payload of the shared corpus, typed into every field that reaches a public page,
comes out inert: no script, event handler, javascript:/vbscript:/data: URL, <style>, <iframe>,
<object>, <form>, <base> or any other active element that the page does not have anyway.

Two corpora, both read at test time and never copied in:
- brs-kb (a pinned test dependency from PyPI, MIT): its ~4,500 distinct payloads all go through
  the sanitiser directly, and an evenly spread sample of them through every field and page;
- the team's shared corpus (../shared/security/xss-payloads/*.txt, 818 lines), whole, wherever
  that folder sits beside the project (always in CI, which fails without it).
The test summary says how many payloads ran, from where.
"""

import json
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import brs_kb
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection

from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    GlossaryTerm,
    Reference,
    SafetyItem,
    SelfCheckQuestion,
    Topic,
    TreatmentDayStep,
)
from education.models.content import glossary_by_letter
from education.selfcheck.views import QUESTIONS_MAX_LENGTH
from education.text.markdown import render_markdown

CORPUS_DIR = Path(settings.BASE_DIR).parent / "shared" / "security" / "xss-payloads"
CORPUS_LINES = 818
# One self-check form holds at most this many questions (Django refuses a POST of over 1,000 fields).
SELF_CHECK_BATCH = 400
PAGE_SAMPLE = 500  # brs-kb payloads typed into every field: an even spread, to keep the suite quick


def shared_corpus():
    """The shared corpus's lines, or [] where the folder is not beside the project (a plain clone)."""
    if not CORPUS_DIR.is_dir():
        assert os.environ.get("CI") != "true", (
            f"CI runs beside the shared folder, but {CORPUS_DIR} is missing"
        )
        return []
    files = sorted(CORPUS_DIR.glob("*.txt"))
    lines = [line for path in files for line in path.read_text(encoding="utf-8").split("\n")[:-1]]
    assert len(lines) == CORPUS_LINES, (
        f"{CORPUS_DIR} should hold {CORPUS_LINES} lines in *.txt, not {len(lines)}"
    )
    return lines


def package_corpus():
    """brs-kb's distinct payloads, in the stable order of their ids."""
    entries = brs_kb.get_all_payloads()
    return list(dict.fromkeys(entries[key]["payload"] for key in sorted(entries)))


def _unique(payloads):
    return list(dict.fromkeys(p for p in payloads if p.strip()))


SHARED = _unique(shared_corpus())
PACKAGE = _unique(package_corpus())
PACKAGE_SAMPLE = PACKAGE[:: max(1, len(PACKAGE) // PAGE_SAMPLE)][:PAGE_SAMPLE]
ALL_PAYLOADS = _unique(SHARED + PACKAGE_SAMPLE)
# What comes out depends on the sanitiser and the templates, not on the database, so `make test`'s
# first pass (SQLite) types every payload into every field. Its PostgreSQL pass checks what that
# database adds (length limits, NUL bytes, its search index) with every payload that carries a
# control character and an even spread of the others (about 160 instead of 1,100).
ON_POSTGRESQL = connection.vendor == "postgresql"
POSTGRESQL_SPREAD = 150
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _for_this_database(payloads):
    if not ON_POSTGRESQL:
        return payloads
    unusual = [p for p in payloads if CONTROL_CHARACTER.search(p)]
    others = [p for p in payloads if not CONTROL_CHARACTER.search(p)]
    return unusual + others[:: max(1, len(others) // POSTGRESQL_SPREAD)]


PAYLOADS = _for_this_database(ALL_PAYLOADS)
CORPUS_SUMMARY = (
    f"hostile input: {len(PAYLOADS)} payloads through every public field "
    + (
        f"on PostgreSQL (of the {len(ALL_PAYLOADS)} the SQLite pass sends: all with control characters, "
        "an even spread of the rest) "
        if ON_POSTGRESQL
        else ""
    )
    + f"({len(SHARED)} from {CORPUS_DIR if SHARED else 'the shared corpus: not beside this clone'}, "
    f"{len(PACKAGE_SAMPLE)} from brs-kb {brs_kb.__version__}); "
    f"all {len(PACKAGE)} brs-kb payloads through the sanitiser"
)

# Elements hostile input must never add to a page (the page's own search form and stylesheet
# links are allowed: every page is compared with the same page built from harmless text).
ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
    "meta", "link", "svg", "math", "template", "input", "button", "textarea", "select", "video",
    "audio", "source", "portal", "noscript", "xml", "isindex", "marquee", "plaintext", "xmp",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "srcset", "poster", "background", "data", "xlink:href",
    "lowsrc", "dynsrc", "cite", "longdesc", "ping", "manifest", "codebase", "archive",
}  # fmt: skip
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028\u2029\ufeff]+")


class ActiveContent(HTMLParser):
    """Collects what could run: active elements, event handlers, script-like URLs, JSON-LD blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = Counter()
        self.handlers = []
        self.bad_urls = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.elements[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEME.match(INVISIBLE.sub("", value)):
                self.bad_urls.append((tag, name, value))
            if tag == "meta" and name == "http-equiv":
                self.handlers.append((tag, name, value))
        self._in_json_ld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in_json_ld:
            self.json_ld.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        self._in_json_ld = False


def scan(html):
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser


def get_page(client, url):
    cache.clear()  # always a fresh render of what is in the database now
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def post_form(client, url, data):
    """POST like a browser's form (the self-check accepts only url-encoded forms)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def assert_inert(page, baseline, where):
    found, expected = scan(page), scan(baseline)
    assert not found.handlers, (where, found.handlers[:3])
    assert not found.bad_urls, (where, found.bad_urls[:3])
    extra = found.elements - expected.elements
    assert not extra, (where, list(extra)[:5])
    for block in found.json_ld:
        json.loads(block)  # structured data stays valid JSON: nothing broke out of it


@pytest.fixture
def baseline(client):
    """The same page built from harmless text: what every page may contain anyway."""
    return lambda url: get_page(client, url)


def fit(model, **fields):
    """What the admin would accept: text without NUL bytes, clipped to each field's max_length.

    PostgreSQL enforces both (SQLite does not); the admin's forms refuse longer or NUL-bearing
    text with a message, so only what fits can ever reach a page.
    """
    fitted = {}
    for name, value in fields.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if isinstance(value, str):
            value = value.replace("\x00", "")[:limit] if limit else value.replace("\x00", "")
        fitted[name] = value
    return fitted


def fit_unique(model, field, value, n):
    """`fit`, with a number at the end so clipped payloads stay unique."""
    limit = model._meta.get_field(field).max_length
    return fit(model, **{field: value})[field][: limit - 7] + f" #{n}"


def test_corpus_is_complete_and_readable():
    assert len(PACKAGE) > 4000 and len(PACKAGE_SAMPLE) == PAGE_SAMPLE
    assert not CORPUS_DIR.is_dir() or len(SHARED) > 600  # 818 lines, some repeated across the lists
    assert any("<script" in payload.lower() for payload in PAYLOADS)


@pytest.mark.parametrize("wrap", ["{}", "Some text {} more text", "- {}", "[link]({})", "`{}`"])
def test_every_package_payload_is_inert_after_the_sanitiser(wrap):
    """The whole brs-kb corpus through the renderer staff text takes, in a few Markdown settings."""
    for payload in PACKAGE:
        found = scan(render_markdown(wrap.replace("{}", payload)))
        assert not (found.elements or found.handlers or found.bad_urls), (payload, found.elements)


def test_article_fields_and_references_are_inert(client, make_article, baseline):
    normal = make_article(slug="normal", title="Normal", featured=True)
    expected = baseline(normal.get_absolute_url())
    url_field = Reference._meta.get_field("url")
    for n, payload in enumerate(PAYLOADS):
        try:
            url = url_field.clean(payload, None)  # the admin's own validation of a source's address
        except ValidationError:
            url = ""
        article = make_article(
            slug=f"hostile-{n}",
            references=[fit(Reference, title=payload, publisher=payload, url=url)],
            **fit(
                Article,
                title=payload,
                summary=payload,
                key_points=f"{payload}\n- {payload}",
                body=f"{payload}\n\n## {payload}\n\n[{payload}]({payload})\n\n![{payload}]({payload})",
            ),
        )
        assert_inert(get_page(client, article.get_absolute_url()), expected, ("article", payload))


def test_article_lists_with_hostile_titles_and_summaries_are_inert(client, make_article, topic, baseline):
    make_article(slug="normal", title="Normal", featured=True)
    home, topic_page = baseline("/"), baseline(topic.get_absolute_url())
    for n, payload in enumerate(PAYLOADS):
        make_article(slug=f"hostile-{n}", featured=True, **fit(Article, title=payload, summary=payload))
    assert_inert(get_page(client, "/"), home, "home")
    pages = (len(PAYLOADS) + 1) // 20 + 1
    for number in range(1, pages + 1):
        query = f"?page={number}" if number > 1 else ""  # page 1's own address has no ?page=
        assert_inert(get_page(client, f"{topic.get_absolute_url()}{query}"), topic_page, number)


def test_topic_names_and_summaries_are_inert(client, db, baseline):
    Topic.objects.create(name="Normal", slug="normal", summary="Normal.")
    expected = baseline("/")
    Topic.objects.bulk_create(
        Topic(name=fit_unique(Topic, "name", payload, n), slug=f"hostile-{n}", **fit(Topic, summary=payload))
        for n, payload in enumerate(PAYLOADS)
    )
    assert_inert(get_page(client, "/"), expected, "home topics")


def test_faq_questions_and_answers_are_inert(client, make_faq, baseline):
    normal = make_faq()
    category_url = normal.category.get_absolute_url()
    expected = {url: baseline(url) for url in ("/faq/", category_url, normal.get_absolute_url())}
    hostile = [
        make_faq(**fit(FAQ, question=payload, answer=f"{payload}\n\n[{payload}]({payload})"))
        for payload in PAYLOADS
    ]
    assert_inert(get_page(client, "/faq/"), expected["/faq/"], "faq")
    # Every question appears on a page of its category, and on its own page.
    for number in range(1, len(hostile) // 25 + 2):
        page = get_page(client, f"{category_url}?page={number}")
        assert_inert(page, expected[category_url], ("faq category", number))
    for item in hostile:
        page = get_page(client, item.get_absolute_url())
        assert_inert(page, expected[normal.get_absolute_url()], ("faq question", item.question))


def test_safety_items_are_inert(client, make_safety_item, baseline):
    make_safety_item()
    expected = baseline("/safety/")
    for payload in PAYLOADS:
        make_safety_item(
            **fit(SafetyItem, title=payload, why=payload, guidance=f"{payload}\n\n[{payload}]({payload})")
        )
    assert_inert(get_page(client, "/safety/"), expected, "safety")


def test_glossary_terms_are_inert(client, make_term, baseline):
    make_term()  # "Term <n>": on the T page
    expected, expected_letter = baseline("/glossary/"), baseline("/glossary/t/")
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            term=fit_unique(GlossaryTerm, "term", payload, n),
            slug=f"hostile-{n}",
            **fit(GlossaryTerm, definition=payload, also_known_as=payload),
        )
        for n, payload in enumerate(PAYLOADS)
    )
    assert_inert(get_page(client, "/glossary/"), expected, "glossary")
    # With this many terms /glossary/ lists the letters; every term is on its letter's page.
    for letter in glossary_by_letter(GlossaryTerm.objects.all()):
        page = get_page(client, f"/glossary/{letter}/")
        assert_inert(page, expected_letter, ("glossary letter", letter))


def test_visit_preparation_steps_and_checklist_are_inert(client, db, baseline):
    TreatmentDayStep.objects.create(title="Normal", description="Normal.")
    ChecklistItem.objects.create(section=ChecklistItem.Section.BRING, text="Normal.")
    expected = baseline("/prepare/")
    TreatmentDayStep.objects.bulk_create(
        TreatmentDayStep(**fit(TreatmentDayStep, title=p, duration=p, description=p)) for p in PAYLOADS
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(section=ChecklistItem.Section.BRING, **fit(ChecklistItem, text=p)) for p in PAYLOADS
    )
    assert_inert(get_page(client, "/prepare/"), expected, "prepare")


CLINIC_FIELDS = [
    "name",
    "tagline",
    "phone",
    "address",
    "hours",
    "crisis_text",
    "not_for_emergencies",
    "disclaimer",
]


def test_clinic_details_on_every_page_are_inert(client, db, baseline):
    expected = baseline("/prepare/")
    for payload in PAYLOADS:
        ClinicDetails(
            **fit(ClinicDetails, **dict.fromkeys(CLINIC_FIELDS, payload)), email="clinic@example.org"
        ).save()
        assert_inert(get_page(client, "/prepare/"), expected, ("clinic", payload))
    assert_inert(get_page(client, "/"), baseline("/"), "home with hostile clinic details")


def test_search_queries_are_inert(client, db, baseline):
    expected = baseline("/search/?q=harmless")
    for payload in PAYLOADS:
        cache.clear()
        response = client.get("/search/", {"q": payload})
        assert response.status_code == 200, payload
        assert_inert(response.content.decode(), expected, ("search", payload))


def test_search_results_with_hostile_content_are_inert(client, make_article, make_faq, baseline):
    make_article(slug="normal", title="Normal alert", body="An alert about nothing.")
    expected = baseline("/search/?q=alert")
    for n, payload in enumerate(PAYLOADS[:200]):
        make_article(
            slug=f"hostile-{n}",
            **fit(Article, title=f"alert {payload}", summary=payload, body=f"alert {payload}"),
        )
        make_faq(**fit(FAQ, question=f"alert {payload}", answer=f"alert {payload}"))
    for page in range(1, 4):
        assert_inert(get_page(client, f"/search/?q=alert&page={page}"), expected, ("search results", page))


@pytest.mark.parametrize("batch", range(0, len(PAYLOADS), SELF_CHECK_BATCH))
def test_self_check_questions_written_by_staff_are_inert(client, db, baseline, batch):
    payloads = PAYLOADS[batch : batch + SELF_CHECK_BATCH]
    # The same number of questions with harmless text first: each question brings its own radio buttons.
    questions = SelfCheckQuestion.objects.bulk_create(
        SelfCheckQuestion(slug=f"q-{n}", text="Harmless?", guidance="Harmless.", order=n)
        for n in range(len(payloads))
    )
    answers = {f"q_{q.pk}": q.attention_answer for q in SelfCheckQuestion.objects.all()}
    form = baseline("/self-check/")
    result = post_form(client, "/self-check/result/", answers).content.decode()
    for question, payload in zip(questions, payloads, strict=True):
        fitted = fit(SelfCheckQuestion, text=payload, help_text=payload, guidance=payload)
        question.text, question.help_text, question.guidance = (
            fitted["text"],
            fitted["help_text"],
            fitted["guidance"],
        )
    SelfCheckQuestion.objects.bulk_update(questions, ["text", "help_text", "guidance"])
    assert_inert(get_page(client, "/self-check/"), form, "self-check form")
    response = post_form(client, "/self-check/result/", answers)
    assert response.status_code == 200
    assert_inert(response.content.decode(), result, "self-check result")


def test_self_check_answers_are_inert(client, make_question, baseline):
    question = make_question()
    expected = baseline("/self-check/")
    for payload in PAYLOADS:
        valid = post_form(
            client, "/self-check/result/", {f"q_{question.pk}": "yes", "questions_to_ask": payload}
        )
        invalid = post_form(
            client, "/self-check/result/", {f"q_{question.pk}": payload, "questions_to_ask": payload}
        )
        # A result page, or the form again with a message for a note the form cannot take: longer
        # than it allows, or with a NUL character (Django's fields refuse those).
        refused = len(payload) > QUESTIONS_MAX_LENGTH or "\x00" in payload
        assert valid.status_code == (400 if refused else 200), payload
        assert invalid.status_code == 400, payload
        assert_inert(valid.content.decode(), expected, ("self-check answer", payload))
        assert_inert(invalid.content.decode(), expected, ("self-check invalid answer", payload))


def test_the_checker_itself_catches_what_it_must():
    page = "<p>ok</p>"
    for hostile in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
        "<iframe src=/>",
        "<form action=/x><button>x</button></form>",
        "<base href=//evil.example/>",
        "<style>*{}</style>",
        "<object data=x></object>",
        "<meta http-equiv=refresh content='0;url=//evil.example'>",
    ]:
        with pytest.raises(AssertionError):
            assert_inert(page + hostile, page, hostile)
    assert_inert(page + "&lt;script&gt;alert(1)&lt;/script&gt;", page, "escaped text")
