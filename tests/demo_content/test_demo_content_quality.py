"""The demo content files are complete, plain, balanced and consistent (no database needed).

Run with: pytest tests/demo_content/test_demo_content_quality.py -q
or, without Django at all: pytest tests/demo_content/test_demo_content_quality.py -q -p no:django --noconftest
(tests/conftest.py imports Django models, which need the pytest-django plugin).
"""

import re
import statistics
from collections import Counter

import pytest

from education import demo_content as demo
from education.editorial.checks import find_claims
from education.text.markdown import render_markdown
from education.text.readability import markdown_reading_stats, reading_stats
from education.text.richtext import html_to_text

MAX_GRADE = 8.0
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_MEDIAN_GRADE = 6.0
MAX_MEDIAN_SMOG = 9.0
ENDED_988_OPTION = re.compile(r"press(?:ing)?\s*(?:3|three)\b", re.IGNORECASE)
INTERNAL_LINK = re.compile(r"\]\((/[^)\s]*)\)")
HEADING = re.compile(r"^(#{1,6})\s")
REQUIRED_ARTICLES = {
    "what-is-treatment-resistant-depression",
    "how-ketamine-and-esketamine-treatment-works",
    "what-a-treatment-day-is-like",
    "side-effects-and-safety",
    "ketamine-for-chronic-pain-and-crps",
    "ketamine-for-ptsd-what-we-know",
    "preparing-for-your-first-visit",
    "after-your-session",
    "esketamine-vs-iv-ketamine",
    "questions-to-ask-your-clinician",
    # The topics patients still missed (issue 15).
    "paying-for-treatment",
    "your-course-of-treatment",
    "side-effects-over-time",
    "for-drivers-and-caregivers",
    "older-adults-and-young-people",
}
# The questions issue 15 added, as /faq/<category>/<slug>/.
REQUIRED_FAQS = {
    ("about-the-treatment", "what-if-it-does-not-work"),
    ("about-the-treatment", "bipolar-depression"),
    ("before-your-first-visit", "what-will-i-sign"),
    ("treatment-day", "missed-or-moved-sessions"),
    ("costs-and-insurance", "what-is-prior-authorization"),
}
ALL_LISTS = {
    "REVIEWERS": demo.REVIEWERS,
    "TOPICS": demo.TOPICS,
    "ARTICLES": demo.ARTICLES,
    "FAQ_CATEGORIES": demo.FAQ_CATEGORIES,
    "FAQS": demo.FAQS,
    "SAFETY_ITEMS": demo.SAFETY_ITEMS,
    "GLOSSARY": demo.GLOSSARY,
    "SELF_CHECK_QUESTIONS": demo.SELF_CHECK_QUESTIONS,
    "CHECKLIST": demo.CHECKLIST,
    "TREATMENT_DAY": demo.TREATMENT_DAY,
}
SLUGGED_LISTS = (
    "TOPICS",
    "ARTICLES",
    "FAQ_CATEGORIES",
    "FAQS",
    "SAFETY_ITEMS",
    "GLOSSARY",
    "SELF_CHECK_QUESTIONS",
)


def _strings(value):
    """Every string anywhere in a nested structure of dicts, lists and strings."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _all_text():
    yield from _strings(demo.CLINIC)
    for items in ALL_LISTS.values():
        yield from _strings(items)


def _stats(markdown_text):
    """Word counts of the whole text, headings included."""
    return reading_stats(html_to_text(render_markdown(markdown_text)))


def _grades(markdown_text):
    """Reading grades of the prose, as the editorial check scores it (headings left out)."""
    return markdown_reading_stats(markdown_text)


def _readable_texts():
    for article in demo.ARTICLES:
        yield f"article {article['slug']}", article["body"]
    for faq in demo.FAQS:
        yield f"FAQ {faq['slug']}", faq["answer"]
    for item in demo.SAFETY_ITEMS:
        yield f"safety guidance {item['slug']}", item["guidance"]
    for question in demo.SELF_CHECK_QUESTIONS:
        yield f"self-check guidance {question['slug']}", question["guidance"]


def _headings(markdown_text):
    levels, in_code = [], False
    for line in markdown_text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        match = HEADING.match(line)
        if match and not in_code:
            levels.append(len(match.group(1)))
    return levels


# --- The package shape -------------------------------------------------------------------------------


def test_package_exposes_exactly_the_agreed_names():
    expected = {
        "REVIEWERS", "CLINIC", "TOPICS", "ARTICLES", "FAQ_CATEGORIES", "FAQS",
        "SAFETY_ITEMS", "GLOSSARY", "SELF_CHECK_QUESTIONS", "CHECKLIST", "TREATMENT_DAY",
        "SAFETY_INFORMATION", "PEMAT",
    }  # fmt: skip
    assert set(demo.__all__) == expected
    for name in expected:
        assert hasattr(demo, name), name


def test_content_is_plain_data_only():
    def check(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str), where
                check(item, f"{where}.{key}")
        elif isinstance(value, list):
            for n, item in enumerate(value):
                check(item, f"{where}[{n}]")
        else:
            assert value is None or isinstance(value, str | int | bool), where

    check(demo.CLINIC, "CLINIC")
    for name, items in ALL_LISTS.items():
        assert isinstance(items, list), name
        check(items, name)


@pytest.mark.parametrize("name", SLUGGED_LISTS)
def test_slugs_are_valid_and_unique_within_each_list(name):
    slugs = [item["slug"] for item in ALL_LISTS[name]]
    assert all(SLUG.match(slug) for slug in slugs), slugs
    duplicates = [slug for slug, n in Counter(slugs).items() if n > 1]
    assert not duplicates, duplicates


def test_reviewer_keys_topic_names_and_glossary_terms_are_unique():
    for values in (
        [r["key"] for r in demo.REVIEWERS],
        [t["name"] for t in demo.TOPICS],
        [c["name"] for c in demo.FAQ_CATEGORIES],
        [g["term"].lower() for g in demo.GLOSSARY],
    ):
        assert len(values) == len(set(values)), values


# --- Counts ------------------------------------------------------------------------------------------


def test_there_are_one_or_two_plainly_fictional_reviewers():
    assert 1 <= len(demo.REVIEWERS) <= 2
    for reviewer in demo.REVIEWERS:
        assert set(reviewer) == {"key", "name", "credentials"}
        assert "fictional" in reviewer["name"].lower()
        assert "fictional" in reviewer["credentials"].lower()


def test_every_content_type_has_at_least_the_agreed_number_of_items():
    assert len(demo.TOPICS) >= 5
    assert len(demo.ARTICLES) >= 10
    assert len(demo.FAQ_CATEGORIES) >= 5
    assert len(demo.FAQS) >= 20
    assert len(demo.SAFETY_ITEMS) >= 12
    assert len(demo.GLOSSARY) >= 20
    assert len(demo.SELF_CHECK_QUESTIONS) >= 13
    assert len(demo.TREATMENT_DAY) >= 5


def test_required_topics_and_articles_exist():
    topic_slugs = {t["slug"] for t in demo.TOPICS}
    assert {
        "treatment-resistant-depression", "chronic-pain", "ptsd",
        "safety-and-side-effects", "preparing-for-treatment",
    } <= topic_slugs  # fmt: skip
    assert {a["slug"] for a in demo.ARTICLES} >= REQUIRED_ARTICLES
    assert {(f["category"], f["slug"]) for f in demo.FAQS} >= REQUIRED_FAQS


def test_three_or_four_articles_are_featured():
    assert 3 <= sum(1 for a in demo.ARTICLES if a["featured"]) <= 4


def test_faq_categories_include_the_agreed_slugs_and_names():
    by_slug = {c["slug"]: c["name"] for c in demo.FAQ_CATEGORIES}
    assert by_slug["before-your-first-visit"] == "Before your first visit"
    assert by_slug["treatment-day"] == "Treatment day"
    assert {"after-treatment", "costs-and-insurance", "safety-and-privacy"} <= set(by_slug)


def test_every_faq_category_has_at_least_three_questions():
    per_category = Counter(f["category"] for f in demo.FAQS)
    for category in demo.FAQ_CATEGORIES:
        assert per_category[category["slug"]] >= 3, category["slug"]


def test_checklist_covers_bring_before_and_getting_home():
    per_section = Counter(item["section"] for item in demo.CHECKLIST)
    assert set(per_section) <= {"bring", "before", "getting_home"}
    assert per_section["bring"] >= 5
    assert per_section["before"] >= 3
    assert per_section["getting_home"] >= 2


# --- Articles ----------------------------------------------------------------------------------------


def test_every_article_has_the_agreed_fields():
    keys = {
        "slug", "title", "topic", "summary", "key_points", "body", "featured",
        "related", "reviewer", "review_notes", "references", "demo", "review_interval_months",
        "shows_details_checked_on",
    }  # fmt: skip
    for article in demo.ARTICLES:
        assert set(article) == keys, article["slug"]
        assert isinstance(article["featured"], bool)
        assert len(article["title"]) <= 200
        assert 0 < len(article["summary"]) <= 300, article["slug"]


def test_every_article_has_three_to_five_short_key_points():
    for article in demo.ARTICLES:
        points = article["key_points"]
        assert 3 <= len(points) <= 5, article["slug"]
        assert all(point.strip() and "\n" not in point and len(point) <= 200 for point in points)


def test_every_article_belongs_to_a_known_topic_and_reviewer():
    topics = {t["slug"] for t in demo.TOPICS}
    reviewers = {r["key"] for r in demo.REVIEWERS}
    for article in demo.ARTICLES:
        assert article["topic"] in topics, article["slug"]
        assert article["reviewer"] in reviewers, article["slug"]


def test_every_topic_has_at_least_one_article():
    used = {a["topic"] for a in demo.ARTICLES}
    assert {t["slug"] for t in demo.TOPICS} <= used


def test_related_articles_exist_and_are_not_the_article_itself():
    slugs = {a["slug"] for a in demo.ARTICLES}
    for article in demo.ARTICLES:
        assert article["related"], article["slug"]
        assert set(article["related"]) <= slugs - {article["slug"]}, article["slug"]


def test_every_article_lists_at_least_one_well_formed_reference():
    for article in demo.ARTICLES:
        assert article["references"], article["slug"]
        for reference in article["references"]:
            assert set(reference) == {"title", "publisher", "year", "url"}, article["slug"]
            assert reference["title"] and reference["publisher"]
            assert len(reference["title"]) <= 300 and len(reference["publisher"]) <= 200
            assert reference["year"] is None or isinstance(reference["year"], int)
            assert reference["url"] == "" or reference["url"].startswith("https://")


def test_article_headings_start_at_level_two_and_never_skip_a_level():
    for article in demo.ARTICLES:
        levels = _headings(article["body"])
        assert levels, f"{article['slug']} has no headings"
        assert levels[0] == 2, article["slug"]
        assert 1 not in levels, article["slug"]
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, f"{article['slug']} jumps from h{previous} to h{current}"


def test_article_bodies_are_350_to_700_words():
    for article in demo.ARTICLES:
        words = _stats(article["body"]).words
        assert 350 <= words <= 700, f"{article['slug']}: {words} words"


def test_every_article_body_has_a_list_and_a_clear_action():
    for article in demo.ARTICLES:
        body = article["body"]
        assert re.search(r"^\s*(?:[-*]|\d+\.)\s", body, re.MULTILINE), article["slug"]
        assert re.search(r"\b(?:Tell|Bring|Ask|Call|Write|Keep|Arrange)\b", body), article["slug"]


def _sections(markdown_text):
    """[(heading, text)] of the level-2 sections of an article body."""
    parts = re.split(r"^## (.+)$", markdown_text, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_every_article_ends_with_concrete_next_steps():
    # "Your next steps" is a numbered list of actions; only a "get help now" section may follow it.
    for article in demo.ARTICLES:
        sections = _sections(article["body"])
        headings = [heading for heading, _ in sections]
        assert "Your next steps" in headings, article["slug"]
        index = headings.index("Your next steps")
        steps = sections[index][1]
        assert len(re.findall(r"^\d+\. \S", steps, re.MULTILINE)) >= 3, article["slug"]
        after = sections[index + 1 :]
        assert len(after) <= 1, article["slug"]
        for heading, text in after:
            assert "988" in text or "911" in text or "right away" in heading, article["slug"]


def test_internal_links_point_only_to_known_pages():
    article_paths = {f"/articles/{a['slug']}/" for a in demo.ARTICLES}
    faq_paths = {f"/faq/{f['category']}/{f['slug']}/" for f in demo.FAQS}
    tool_paths = {"/tools/my-medicines/", "/tools/diary/", "/self-check/"}
    allowed = article_paths | faq_paths | tool_paths | {"/faq/", "/safety/", "/glossary/", "/prepare/"}
    texts = [a["body"] for a in demo.ARTICLES] + [f["answer"] for f in demo.FAQS]
    texts += [s["guidance"] for s in demo.SAFETY_ITEMS]
    for text in texts:
        for path in INTERNAL_LINK.findall(text):
            assert path in allowed, path


# --- Readability -------------------------------------------------------------------------------------


@pytest.mark.parametrize("label,text", list(_readable_texts()), ids=lambda value: str(value)[:60])
def test_every_article_body_faq_answer_and_guidance_reads_at_grade_8_or_lower(label, text):
    grade = _grades(text).grade
    assert grade <= MAX_GRADE, f"{label} reads at grade {grade}"


def test_articles_read_at_a_median_grade_of_6_and_a_median_smog_of_9_or_lower():
    grades = {a["slug"]: _grades(a["body"]) for a in demo.ARTICLES}
    fk = statistics.median(g.grade for g in grades.values())
    smog = statistics.median(g.smog for g in grades.values())
    table = {slug: (g.grade, g.smog) for slug, g in grades.items()}
    assert fk <= MAX_MEDIAN_GRADE, table
    assert smog <= MAX_MEDIAN_SMOG, table


def test_faq_answers_are_40_to_120_words():
    for faq in demo.FAQS:
        words = _stats(faq["answer"]).words
        assert 40 <= words <= 120, f"{faq['slug']}: {words} words"


# --- Claims, balance and crisis resources ------------------------------------------------------------


def test_no_ruled_out_claims_appear_anywhere():
    # The same list the editorial checks use (education.editorial.checks.RULED_OUT_CLAIMS),
    # including buying or ordering drugs; negated phrases such as "is not a cure" pass.
    for text in _all_text():
        assert not find_claims(text), f"{find_claims(text)} in: {text[:80]!r}"


def test_the_ended_988_press_3_option_is_never_mentioned():
    for text in _all_text():
        assert not ENDED_988_OPTION.search(text), text[:80]


def test_regulatory_status_is_stated_plainly():
    text = " ".join(_strings(demo.ARTICLES)).lower()
    assert "fda-approved" in text
    assert "off-label" in text
    assert "investigational" in text


def test_every_urgent_self_check_question_points_to_988_and_911():
    urgent = [q for q in demo.SELF_CHECK_QUESTIONS if q["level"] == "urgent"]
    assert urgent
    for question in urgent:
        assert "988" in question["guidance"] and "911" in question["guidance"], question["slug"]


def test_clinic_crisis_text_covers_call_text_chat_and_911():
    crisis = demo.CLINIC["crisis_text"].lower()
    assert "988" in crisis and "911" in crisis
    assert "call" in crisis and "text" in crisis and "988lifeline.org" in crisis


# --- Clinic details, safety items and self-check -----------------------------------------------------


def test_clinic_details_are_a_plainly_fictional_demo_clinic():
    keys = {
        "name", "tagline", "phone", "email", "address", "hours",
        "crisis_text", "not_for_emergencies", "disclaimer", "after_hours_medical",
    }  # fmt: skip
    assert set(demo.CLINIC) == keys
    for key in ("name", "phone", "address", "hours", "email", "tagline"):
        assert "[" not in demo.CLINIC[key], key  # no bracketed placeholder patients would see
    assert re.fullmatch(r"[^@\s\[\]]+@[^@\s\[\]]+\.example", demo.CLINIC["email"])
    assert re.fullmatch(r"\(\d{3}\) 555-01\d\d", demo.CLINIC["phone"])
    assert "emergenc" in demo.CLINIC["not_for_emergencies"].lower()
    assert "clinician" in demo.CLINIC["disclaimer"].lower()


def test_safety_items_use_known_kinds_and_tell_the_patient_what_to_do():
    kinds = {"condition", "medicine", "pregnancy", "substance", "aftercare"}
    for item in demo.SAFETY_ITEMS:
        assert {"slug", "title", "kind", "why", "guidance", "order"} <= set(item), item["slug"]
        assert item["kind"] in kinds, item["slug"]
        assert item["why"].strip() and item["guidance"].strip()
        assert len(item["title"]) <= 200


def test_self_check_questions_are_well_formed():
    for question in demo.SELF_CHECK_QUESTIONS:
        assert set(question) == {
            "slug", "text", "help_text", "attention_answer", "level", "guidance", "order",
        }, question["slug"]  # fmt: skip
        assert question["attention_answer"] in {"yes", "no"}
        assert question["level"] in {"urgent", "rules_out", "check", "tell"}
        assert question["text"].endswith("?")
        assert len(question["slug"]) <= 80
        assert len(question["text"]) <= 300 and len(question["help_text"]) <= 300


def test_self_check_asks_about_a_ride_home_with_no_as_the_attention_answer():
    ride = [q for q in demo.SELF_CHECK_QUESTIONS if "drive you home" in q["text"]]
    assert ride and all(q["attention_answer"] == "no" for q in ride)


def test_self_check_guidance_never_decides_eligibility():
    for question in demo.SELF_CHECK_QUESTIONS:
        assert not re.search(r"eligib|candidate|you can(?:not|'t)? have", question["guidance"], re.I)


def test_treatment_day_includes_observation_with_a_second_blood_pressure_check():
    steps = sorted(demo.TREATMENT_DAY, key=lambda step: step["order"])
    text = " ".join(step["title"] + " " + step["description"] for step in steps).lower()
    assert "blood pressure" in text and "40 minutes" in text and "2 hours" in text
    assert "driv" in steps[-1]["title"].lower() + steps[-1]["description"].lower()
    for step in steps:
        assert set(step) == {"title", "duration", "description", "order"}
        assert len(step["title"]) <= 120 and len(step["duration"]) <= 60


def test_checklist_lines_fit_and_fasting_rules_say_whose_they_are():
    for item in demo.CHECKLIST:
        assert set(item) == {"section", "text", "order"}
        assert len(item["text"]) <= 300
    fasting = [i["text"] for i in demo.CHECKLIST if re.search(r"\bno (?:solid )?food\b", i["text"], re.I)]
    # Esketamine's times are the label's (clinical review 2026-12, minor 1); IV ketamine's the clinic's.
    assert fasting and all("the label's rule" in t or "demo clinic" in t for t in fasting)
    assert any(t.startswith("Esketamine (the label's rule)") for t in fasting)


def test_no_bracketed_placeholder_is_left_in_anything_patients_see():
    for text in _all_text():
        assert not re.search(r"\[(?:Clinic|[A-Z][a-z]+:)[^\]]*\]", text), text[:80]
