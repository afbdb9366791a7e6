"""The 12 facts corrected in issue 15, checked where patients read them: on the rendered pages.

Each check loads the demo content, opens the public page and looks at its visible text: the
corrected sentence is there and the wrong one is gone. Sources: shared/CONTENT_GUIDE.md section 3
(esketamine label, FDA 2023, ASRA/AAPM/ASA 2018, ELEKT-D, KetECT, PTSD trials).
"""

import html
import re

import pytest

pytestmark = pytest.mark.django_db

HOW_IT_WORKS = "/articles/how-ketamine-and-esketamine-treatment-works/"
ESK_VS_IV = "/articles/esketamine-vs-iv-ketamine/"
FDA_FAQ = "/faq/about-the-treatment/is-ketamine-fda-approved/"
FEEL_FAQ = "/faq/treatment-day/how-does-it-feel/"
ADDICTIVE_FAQ = "/faq/safety-and-privacy/is-ketamine-addictive/"
BLADDER_FAQ = "/faq/safety-and-privacy/can-ketamine-harm-my-bladder/"
WORKS_FAQ = "/faq/about-the-treatment/will-it-work-for-me/"
PAIN = "/articles/ketamine-for-chronic-pain-and-crps/"
CLINIC_ONLY = "/articles/why-ketamine-is-given-only-in-a-clinic/"
SIDE_EFFECTS = "/articles/side-effects-and-safety/"
PTSD = "/articles/ketamine-for-ptsd-what-we-know/"
TREATMENT_DAY = "/articles/what-a-treatment-day-is-like/"
WHO_NOT_FAQ = "/faq/before-your-first-visit/who-should-not-have-this-treatment/"
FIRST_VISIT_FAQ = "/faq/before-your-first-visit/what-happens-at-the-first-visit/"
TRD_FAQ = "/faq/before-your-first-visit/how-do-i-know-if-i-have-trd/"
MEDICINES_TOOL = "/tools/my-medicines/"
# A reference must be the document itself: not a site's search results, not a site's home page.
SEARCH_PAGE = re.compile(r"search\.cfm|[?&]query=|/search(?:[/?#]|$)", re.IGNORECASE)


@pytest.fixture
def page_html(client, demo_content):

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return response.content.decode()

    return get


@pytest.fixture
def page_text(client, demo_content):
    seen = {}

    def text(path):
        if path not in seen:
            response = client.get(path)
            assert response.status_code == 200, path
            body = response.content.decode()
            body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
            seen[path] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        return seen[path]

    return text


def test_1_suicidal_thoughts_indication_is_with_an_antidepressant_and_has_its_limits(page_text):
    for path in (HOW_IT_WORKS, ESK_VS_IV, FDA_FAQ):
        text = page_text(path)
        assert re.search(r"thoughts of suicide.{0,160}together with an antidepressant pill", text), path
        assert "not been shown to prevent suicide" in text, path
        assert re.search(r"does not (?:replace|take the place of) (?:a )?hospital", text), path


def test_2_sedation_is_described_and_you_stay_awake_is_gone(page_text):
    for path in (HOW_IT_WORKS, FEEL_FAQ, "/prepare/", PAIN):
        text = page_text(path)
        assert "sleepy" in text, path
        # Sedation is mostly mild (clinical review 2026-12, minor 13): "sleepy", not "very sleepy".
        assert "very sleepy" not in text, path
        assert "stay awake" not in text and "will be awake" not in text, path
    assert "About half of the people" in page_text(HOW_IT_WORKS)
    assert "pulse oximeter" in page_text(HOW_IT_WORKS)
    assert "pass out" in page_text(FEEL_FAQ)


def test_3_no_ketamine_product_is_approved_for_a_mental_health_condition(page_text):
    for path in (HOW_IT_WORKS, ESK_VS_IV, FDA_FAQ):
        text = page_text(path)
        # "Racemic ketamine (the IV drug)": esketamine is a form of ketamine (clinical review, minor 9).
        assert re.search(r"Racemic ketamine, the IV drug, is not FDA-approved for .{0,30}mental health", text)
        assert "No ketamine product" not in text, path
    assert "Not in its IV form" not in page_text(FDA_FAQ)


def test_4_under_18_and_the_24_and_younger_warning_are_stated(page_text):
    text = page_text(HOW_IT_WORKS)
    assert "not approved for anyone under 18" in text
    assert "24 and younger" in text


def test_5_bladder_symptoms_also_happen_in_treatment_not_only_with_misuse(page_text):
    for path in (BLADDER_FAQ, SIDE_EFFECTS, "/safety/"):
        text = page_text(path)
        assert re.search(r"more (?:common|often) with esketamine than (?:with )?a placebo", text) or (
            "more often than people on a placebo" in text
        ), path


def test_6_dependence_is_said_plainly(page_text):
    text = page_text(ADDICTIVE_FAQ)
    assert "Yes, it can happen. People can become dependent" in text


def test_7_liver_and_heart_disease_are_reasons_not_to_give_pain_infusions(page_text):
    pain = page_text(PAIN)
    assert re.search(r"should not be given: heart disease that is not well controlled; serious liver", pain)
    assert "psychosis now." in pain.lower() and "psychosis in the past" in pain.lower()
    safety = page_text("/safety/")
    assert "should not be given to people with serious liver disease" in safety
    assert "take great care" not in safety


def test_8_esketamine_may_be_used_on_its_own_for_trd(page_text):
    assert "Since January 2025 it may be used on its own for TRD" in page_text(HOW_IT_WORKS)
    assert "along with a daily antidepressant pill" not in page_text(HOW_IT_WORKS)
    assert "on its own or with an antidepressant pill" in page_text(ESK_VS_IV)
    assert "used on its own or with an antidepressant pill" in page_text(FDA_FAQ)


def test_9_crps_relief_is_short_term_and_never_called_lasting(page_text):
    text = page_text(PAIN)
    assert "relief lasted up to about 12 weeks. No study has shown benefit in the long term." in text
    assert "lasting benefit" not in text


def test_10_success_figures_are_balanced(page_text):
    text = page_text(HOW_IT_WORKS)
    assert "everyone knew which treatment they got" in text  # ELEKT-D was open-label
    assert "ECT led to full relief more often than ketamine" in text  # KetECT
    assert "Treatment is not a cure" in text
    assert "slip back within months" in text
    assert "It is not a cure" in page_text(WORKS_FAQ)


def test_11_rems_enrols_the_patient_and_the_40_minute_rule_is_the_labels(page_text):
    for path in (ESK_VS_IV, CLINIC_ONLY):
        text = page_text(path)
        assert "signs you up in the REMS" in text, path
        assert re.search(r"label also (?:tells|asks) staff to check your blood pressure", text), path
        assert re.search(r"(?:rules are for esketamine|are rules for esketamine)", text), path
        assert "the clinic follows its own plan" in text, path
    assert "- staff check your blood pressure" not in page_text(ESK_VS_IV)
    assert "signs you up in the REMS" in page_text(SIDE_EFFECTS)


def test_12_ptsd_populations_pregnancy_and_compounded_products(page_text):
    assert "most people in these studies were civilians" in page_text(PTSD)
    assert "30 adults, most of them civilians" in page_text(PTSD)  # clinical review 2026-12, minor 4
    safety = page_text("/safety/")
    assert "Neither esketamine nor ketamine infusions should be used if you are pregnant" in safety
    assert "pregnancy registry" in safety
    assert "It is best to avoid them" not in safety
    assert "does not check compounded medicines for safety, quality" in page_text(CLINIC_ONLY)


def test_12_references_point_to_document_pages_not_home_pages(page_text):
    from education.models import Reference

    for reference in Reference.objects.all():
        url = reference.url
        assert url.startswith("https://"), reference.title
        path = url.split("://", 1)[1].partition("/")[2]
        assert path.strip("/"), f"{reference.title}: {url} is a home page"
        assert "et al." not in reference.title, f"{reference.title}: not the title as published"


def test_7_heart_disease_psychosis_and_pregnancy_are_reasons_not_to_be_treated(page_text):
    safety = page_text("/safety/")
    for sentence in (
        "ketamine infusions should not be given to people whose heart disease is not well controlled",
        "If your heart disease is not well controlled, that is a reason not to have ketamine infusions",
        "Psychosis now is a reason not to have ketamine infusions. Psychosis in the past may be a reason",
    ):
        assert sentence in safety, sentence
    assert "what is real, as a reason for extra care" not in safety
    assert "should not be given to people with raised pressure in the eye or inside the head" in safety
    assert "reason for extra care" not in safety
    faq = page_text(WHO_NOT_FAQ)
    assert "Neither esketamine nor ketamine infusions should be used if you are pregnant." in faq
    assert re.search(r"should not be given if you have: heart disease that is not well controlled", faq)
    assert "psychosis now" in faq
    assert "careful check first, such as high blood pressure, pregnancy" not in faq
    assert not re.search(r"careful check[^.]*(?:pregnan|psychosis)", faq)


def test_11_the_40_minute_and_2_hour_rules_are_esketamines_on_the_treatment_day_pages(page_text):
    for path in (TREATMENT_DAY, "/prepare/"):
        text = page_text(path)
        assert "These 40-minute and 2-hour rules are for esketamine." in text, path
        own_plan = r"For IV ketamine ?, the clinic follows its own plan for blood pressure checks"
        assert re.search(own_plan, text), path
        # The old wording gave the esketamine check to every dose.
        assert "They check your blood pressure again about 40 minutes after your dose" not in text, path
    assert "At least 2 hours for esketamine" in page_text("/prepare/")


def test_pages_that_ask_for_a_medicines_list_link_the_printable_one(page_html):
    link = re.compile(rf'<a href="{re.escape(MEDICINES_TOOL)}"[^>]*>[^<]*medicines[^<]*</a>')
    for path in (TREATMENT_DAY, PAIN, FIRST_VISIT_FAQ, TRD_FAQ):
        assert link.search(page_html(path)), path


def test_the_glossary_defines_boxed_warning(page_text):
    text = page_text("/glossary/")
    assert "Boxed warning" in text
    assert "A warning printed in a box on a medicine's label, about its most serious risks." in text


def test_staff_review_notes_no_longer_ask_for_what_is_done(page_text):
    from education.models import FAQ, Article

    page_text(HOW_IT_WORKS)  # loads the demo content
    notes = {a.slug: a.review_notes for a in Article.objects.all()}
    notes["is-ketamine-fda-approved"] = FAQ.objects.get(slug="is-ketamine-fda-approved").review_notes
    for slug in (
        "how-ketamine-and-esketamine-treatment-works",
        "esketamine-vs-iv-ketamine",
        "is-ketamine-fda-approved",
    ):
        assert "not stated" not in notes[slug] and "before adding" not in notes[slug], slug
        assert "since January 2025 esketamine may be used on its own for TRD" in notes[slug], slug
    for slug, note in notes.items():
        assert "placeholder" not in note, slug
    for article in Article.objects.all():
        cites_dailymed = article.references.filter(url__contains="dailymed").exists()
        assert ("DailyMed link" in article.review_notes) == cites_dailymed, article.slug
        assert "is a search" not in article.review_notes and "home page" not in article.review_notes


def test_12_references_on_the_pages_are_documents_not_searches_or_home_pages(page_html):
    from education.models import Article

    for article in Article.objects.all():
        page = page_html(article.get_absolute_url())
        sources = page.split('id="references-heading"', 1)[1].split("</section>", 1)[0]
        for url in re.findall(r'<a href="([^"]+)"', sources):
            url = html.unescape(url)
            assert url.startswith("https://"), (article.slug, url)
            assert not SEARCH_PAGE.search(url), f"{article.slug}: {url} is a search page"
            path = url.split("://", 1)[1].partition("/")[2]
            assert path.split("?")[0].strip("/"), f"{article.slug}: {url} is a site's home page"
