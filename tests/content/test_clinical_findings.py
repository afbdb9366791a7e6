"""The clinical review of December 2026 (shared/reviews/clinical-review-2026-12.md), checked where
patients read it: on the rendered pages of the demo site, never in the source files.

One test (or more) per serious finding S1-S5, and the shared warning-sign list (M7) and after-hours
route (M8) that the driving rule's single place also serves. docs/content-findings.md lists every
finding and where it was fixed.
"""

import html
import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from education.models import FAQ, Article, ClinicDetails, SelfCheckQuestion

pytestmark = pytest.mark.django_db

PAIN = "/articles/ketamine-for-chronic-pain-and-crps/"
TRD = "/articles/what-is-treatment-resistant-depression/"
AFTER = "/articles/after-your-session/"
DRIVERS = "/articles/for-drivers-and-caregivers/"
OVER_TIME = "/articles/side-effects-over-time/"
SIDE_EFFECTS = "/articles/side-effects-and-safety/"
TREATMENT_DAY = "/articles/what-a-treatment-day-is-like/"
CRISIS = "/articles/getting-help-in-a-crisis/"
WHO_NOT_FAQ = "/faq/before-your-first-visit/who-should-not-have-this-treatment/"
DRIVE_FAQ = "/faq/after-treatment/can-i-drive-after-treatment/"
WORK_FAQ = "/faq/after-treatment/can-i-go-to-work-after/"
HOME_FAQ = "/faq/after-treatment/what-should-i-watch-for-at-home/"
ESKETAMINE_RULE = "After esketamine (Spravato), do not drive or use machines until the next day"
IV_RULE = "After IV ketamine, do not drive or use machines for at least 24 hours."
# The pages the review names for the driving rule (S3), as patients open them.
DRIVING_PAGES = (
    AFTER,
    DRIVERS,
    OVER_TIME,
    SIDE_EFFECTS,
    TREATMENT_DAY,
    DRIVE_FAQ,
    WORK_FAQ,
    "/safety/",
    "/prepare/",
)
# Every after-care page, FAQ and safety page that must show the one warning-sign list (M7).
WARNING_SIGN_PAGES = (
    AFTER,
    DRIVERS,
    OVER_TIME,
    SIDE_EFFECTS,
    TREATMENT_DAY,
    HOME_FAQ,
    "/safety/",
    "/prepare/",
)
SELF_CHECK_RESULT = "/self-check/result/"


def visible_text(body):
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def demo(client):
    call_command("load_demo_content", verbosity=0)

    def text(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return visible_text(response.content.decode())

    return text


def every_public_content_page():
    yield from (article.get_absolute_url() for article in Article.objects.published())
    for faq in FAQ.objects.published().select_related("category"):
        yield f"/faq/{faq.category.slug}/{faq.slug}/"
    yield from ("/safety/", "/prepare/", "/faq/", "/self-check/")


def sentences(text):
    return re.split(r"(?<=[.!?;:])\s+", text)


def section(text, heading, next_heading):
    return text.split(heading, 1)[1].split(next_heading, 1)[0]


# --- S1, S2: who should not have ketamine infusions -------------------------------------------------


def test_s1_pain_article_lists_pregnancy_psychosis_now_and_substance_misuse_as_should_not(demo):
    text = demo(PAIN)
    should_not = section(text, "Who should not have infusions", "Who needs extra care")
    assert "should not be given" in should_not
    for item in ("pregnancy", "psychosis now", "alcohol or drug use", "pressure inside your head or eye"):
        assert item in should_not, item
    extra_care = section(text, "Who needs extra care", "What treatment is like")
    assert "psychosis in the past" in extra_care and "milder liver disease" in extra_care
    for item in ("pregnancy;", "psychosis now", "alcohol or drug"):
        assert item not in extra_care, item


def test_s2_who_should_not_faq_names_pregnancy_for_both_and_the_infusion_list(demo):
    text = demo(WHO_NOT_FAQ)
    assert "Neither esketamine nor ketamine infusions should be used if you are pregnant." in text
    infusions = text.split("Ketamine infusions should not be given if you have:", 1)[1]
    for item in (
        "psychosis now",
        "high pressure inside your head or eye",
        "current problems with alcohol or drugs",
    ):
        assert item in infusions, item
    assert "an allergy to ketamine" in infusions  # the ketamine label's own contraindication
    assert "big rise in blood pressure" in infusions


def test_s1_s2_safety_page_says_should_not_for_infusions_in_pregnancy_substance_misuse_and_raised_pressure(
    demo,
):
    text = demo("/safety/")
    assert "Neither esketamine nor ketamine infusions should be used if you are pregnant" in text
    assert "you should not have a series of ketamine infusions" in text
    assert "should not be given to people with raised pressure in the eye or inside the head" in text


# --- S3: one driving rule per medicine, kept in one place --------------------------------------------


def test_s3_no_page_gives_iv_ketamine_or_every_medicine_the_next_day_driving_rule(demo):
    checked = 0
    for path in every_public_content_page():
        for sentence in sentences(demo(path)):
            # Driving, machines and other risky tasks share one rule per medicine.
            if re.search(r"\bdriv|machines|risky tasks", sentence, re.I) and re.search(
                r"next day|tomorrow|night's sleep", sentence
            ):
                checked += 1
                # The next-day rule is esketamine's alone: every sentence giving it names esketamine.
                assert re.search(r"esketamine|Spravato", sentence, re.I), f"{path}: {sentence}"
                assert "IV ketamine" not in sentence, f"{path}: {sentence}"
    assert checked >= len(DRIVING_PAGES)


def test_s3_every_page_with_the_esketamine_rule_gives_iv_ketamines_24_hours_beside_it(demo):
    for path in DRIVING_PAGES:
        text = demo(path)
        assert ESKETAMINE_RULE in text, path
        assert IV_RULE in text, path
    for path in every_public_content_page():
        text = demo(path)
        if ESKETAMINE_RULE in text:
            assert IV_RULE in text, path


def test_s3_the_driving_rule_is_edited_once_in_the_clinic_details_and_every_page_follows(demo):
    clinic = ClinicDetails.load()
    clinic.driving_rule_iv_ketamine = "After IV ketamine, do not drive or use machines for at least 36 hours."
    clinic.save()
    for path in DRIVING_PAGES:
        text = demo(path)
        assert "for at least 36 hours" in text, path
        assert IV_RULE not in text, path


def test_s3_the_treatment_day_picture_gives_both_rules_in_its_alt_text(client):
    call_command("load_demo_content", verbosity=0)
    page = client.get(TREATMENT_DAY).content.decode()
    alts = re.findall(r'<img[^>]+alt="([^"]*)"', page)
    timeline = [html.unescape(alt) for alt in alts if "Five steps" in html.unescape(alt)]
    assert timeline, alts
    assert (
        "esketamine until the next day" in timeline[0] and "IV ketamine for at least 24 hours" in timeline[0]
    )


def test_a_driving_rule_staff_type_is_shown_as_text_never_as_markup(demo):
    clinic = ClinicDetails.load()
    clinic.driving_rule_esketamine = "<b>After esketamine</b>, wait <script>x()</script> a day."
    clinic.save()
    body = demo(AFTER)
    assert "<b>After esketamine</b>, wait <script>x()</script> a day." in body  # shown, escaped


# --- S4: the featured TRD article and ECT -----------------------------------------------------------


def test_s4_trd_article_gives_elekt_d_caveats_ketect_and_ect_as_most_effective(demo):
    text = demo(TRD)
    assert "ELEKT-D" in text and "KetECT" in text
    assert "everyone knew which treatment they got" in text  # open-label
    assert "rated their own symptoms after 3 weeks" in text
    assert "sent to have ECT" in text
    assert re.search(
        r"About 63 in 100 people who got ECT had remission ?, against about 46 in 100 with ketamine", text
    )
    assert "ECT is still the most effective treatment for severe depression." in text


# --- S5: a self-check that never falsely reassures ------------------------------------------------


def send_demo_answers(client, flag=()):
    """Answer every demo question so that nothing is flagged, except the slugs in ``flag``."""
    data = {}
    for question in SelfCheckQuestion.objects.filter(active=True):
        calm = "no" if question.attention_answer == "yes" else "yes"
        data[f"q_{question.pk}"] = question.attention_answer if question.slug in flag else calm
    return client.post(SELF_CHECK_RESULT, urlencode(data), content_type="application/x-www-form-urlencoded")


def test_s5_nothing_flagged_says_the_list_does_not_cover_everything_and_gives_the_warning_signs(client):
    call_command("load_demo_content", verbosity=0)
    text = visible_text(send_demo_answers(client).content.decode())
    assert "Your answers did not flag anything on this short list." in text
    assert "This list does not cover everything." in text
    assert "Your clinician will still check your health" in text
    assert "None of your answers needs" not in text
    assert "signs of a stroke" in text and "call or text 988" in text


def test_s5_no_page_claims_nothing_needs_raising(demo):
    for path in every_public_content_page():
        assert not re.search(r"(?:nothing|none of your answers) needs? (?:to be )?rais", demo(path), re.I), (
            path
        )


def test_s5_the_self_check_asks_about_age_memory_bladder_nose_sprays_and_pregnancy_chance(demo):
    text = demo("/self-check/")
    for question in (
        "Are you under 18 years old?",
        "Are you between 18 and 24 years old?",
        "Are you 65 or older?",
        "Do you have problems with memory or thinking",
        "Do you have a bladder problem",
        "steroid nose spray or a decongestant nose spray",
        "Could you become pregnant during treatment",
        "very high blood pressure that affected your brain",
    ):
        assert question in text, question


def test_s5_m9_label_contraindications_usually_rule_out_treatment(client):
    call_command("load_demo_content", verbosity=0)
    response = send_demo_answers(client, flag={"aneurysm-or-brain-bleeding", "nasal-sprays"})
    text = visible_text(response.content.decode())
    rules_out = text.split("Usually rules out this treatment", 1)[1].split(
        "Tell your clinician at your intake", 1
    )[0]
    assert "aneurysm, an AVM, or bleeding in the brain" in rules_out
    assert "May need a check before treatment can start" not in text  # nothing at that level was flagged
    assert "at least 1 hour before your esketamine dose" in text
    assert "This short list does not cover everything." in text


def test_s5_the_infusion_should_not_items_now_usually_rule_out_treatment(client):
    """Second review (moderate 2): the broad questions stay at "may need a check"; the "should not"
    cases (uncontrolled blood pressure or heart disease, raised eye or head pressure, a problem with
    alcohol or drugs now) are asked on their own and usually rule the treatment out."""
    call_command("load_demo_content", verbosity=0)
    flag = {
        "heart-or-blood-pressure-not-controlled",
        "eye-or-head-pressure-now",
        "alcohol-or-drug-problems-now",
    }
    text = visible_text(send_demo_answers(client, flag=flag).content.decode())
    rules_out = text.split("Usually rules out this treatment", 1)[1].split("Tell your clinician at your", 1)[
        0
    ]
    assert "blood pressure or heart disease is not under control" in rules_out
    assert "pressure in your eye or head is raised right now" in rules_out
    assert "a problem with alcohol or drugs right now" in rules_out


# --- M7, M8: one warning-sign list and an after-hours route, beside each other ---------------------


def test_m7_every_after_care_page_shows_the_one_warning_sign_list(demo):
    for path in WARNING_SIGN_PAGES:
        text = demo(path)
        for sign in (
            "signs of a stroke",
            "fainting",
            "that lasts more than 24 hours",
            "yellow skin or eyes, dark urine",
            "call or text 988",
        ):
            assert sign in text, (path, sign)


def test_m7_m8_staff_edit_the_signs_and_the_after_hours_route_once(demo):
    clinic = ClinicDetails.load()
    clinic.call_clinic_signs += "\na rash that spreads"
    clinic.after_hours_medical = "After hours, call our on-call doctor at (202) 555-0199."
    clinic.save()
    for path in WARNING_SIGN_PAGES:
        text = demo(path)
        assert "a rash that spreads" in text, path
        assert "call our on-call doctor at (202) 555-0199" in text, path
    assert "call our on-call doctor at (202) 555-0199" in demo(CRISIS)


def test_m8_without_an_after_hours_route_the_page_still_says_where_to_go(demo):
    clinic = ClinicDetails.load()
    clinic.after_hours_medical = ""
    clinic.save()
    text = demo(AFTER)
    assert "When the clinic is closed, go to an urgent care center or an emergency room" in text


def test_s3_an_editors_change_to_the_driving_rule_is_a_draft_until_a_reviewer_approves_it(
    client, editor, medical_reviewer_user
):
    from education.models import Draft
    from tests.admin_forms import draft_step, edit_in_admin

    call_command("load_demo_content", verbosity=0)
    clinic = ClinicDetails.load()
    new_rule = "After IV ketamine, do not drive or use machines for at least 48 hours."
    client.force_login(editor)
    assert edit_in_admin(client, clinic, driving_rule_iv_ketamine=new_rule).status_code == 302
    client.logout()
    assert IV_RULE in visible_text(client.get(DRIVE_FAQ).content.decode())  # still the approved rule
    client.force_login(medical_reviewer_user)
    assert draft_step(client, Draft.objects.open().get(), "approve").status_code == 302
    client.logout()
    for path in (DRIVE_FAQ, AFTER, "/prepare/"):
        text = visible_text(client.get(path).content.decode())
        assert new_rule in text and IV_RULE not in text, path


def test_s3_search_snippets_show_the_rule_not_its_marker(demo):
    text = demo("/search/?q=driving")
    assert "[[" not in text
    assert IV_RULE in text


def test_no_page_shows_a_rule_marker_not_even_in_its_description_or_structured_data(client):
    call_command("load_demo_content", verbosity=0)
    for path in [*every_public_content_page(), "/search/?q=driving", "/search/?q=warning+signs"]:
        page = client.get(path).content.decode()
        assert "[[" not in page, path
    page = client.get(DRIVE_FAQ).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert "After esketamine (Spravato)" in html.unescape(description)
    structured = page.split('"acceptedAnswer"', 1)[1]
    assert "After IV ketamine, do not drive or use machines for at least 24 hours." in structured


def test_a_marker_inside_a_line_shows_words_or_a_link_not_a_list(client):
    from education.models import ChecklistItem

    ChecklistItem.objects.create(section="getting_home", text="Learn the [[red-flags]] before you go.")
    ChecklistItem.objects.create(section="getting_home", text="Driving: [[driving-rule]]")
    page = client.get("/prepare/").content.decode()
    assert 'Learn the <a href="/safety/#warning-signs">warning signs on our safety page</a>' in page
    assert f"Driving: {html.escape(ESKETAMINE_RULE)}" in page
    assert "Driving: <ul" not in page


# --- The second review's minor findings (docs/content-findings.md, "Second review") ----------------


def test_second_review_4_11_the_pictures_give_the_whole_driving_rule_and_a_mostly_civilian_study(client):
    call_command("load_demo_content", verbosity=0)
    alts = []
    for path in (SIDE_EFFECTS, "/articles/ketamine-for-ptsd-what-we-know/"):
        page = client.get(path).content.decode()
        alts += [html.unescape(alt) for alt in re.findall(r'<img[^>]+alt="([^"]*)"', page)]
    after = next(alt for alt in alts if alt.startswith("Before: tell your clinician"))
    assert "not until the next day, after a restful sleep" in after and "at least 24 hours" in after
    studies = next(alt for alt in alts if alt.startswith("Three study results"))
    assert "30 adults, most of them civilians" in studies


def test_second_review_6_elekt_d_carries_its_caveats_and_ect_stays_the_most_effective(demo):
    for path in (
        "/articles/esketamine-vs-iv-ketamine/",
        "/articles/how-ketamine-and-esketamine-treatment-works/",
    ):
        text = demo(path)
        assert "everyone knew which treatment they got" in text, path
        assert "people rated their own symptoms" in text, path
        assert "had been sent to have ECT" in text, path
        assert "more people in the ECT group dropped out before they started" in text, path
        assert "ECT is still the most effective treatment for severe depression." in text, path


def test_second_review_8_who_should_not_gives_the_esketamine_labels_pressure_contraindication(demo):
    text = demo(WHO_NOT_FAQ)
    esketamine = section(text, "Esketamine should not be used if you", "Ketamine infusions should not")
    assert "a rise in blood pressure or head pressure would be dangerous" in esketamine


def test_second_review_10_the_pain_article_gives_the_driving_rule_and_the_warning_signs(demo):
    text = demo(PAIN)
    assert "IV ketamine, do not drive or use machines for at least 24 hours" in text
    for sign in ("signs of a stroke", "call or text 988"):
        assert sign in section(text, "When to get help right away", "Your next steps"), sign


def test_second_review_12_breastfeeding_is_a_check_not_a_rule_out(client):
    call_command("load_demo_content", verbosity=0)
    text = visible_text(send_demo_answers(client, flag={"breastfeeding"}).content.decode())
    assert "Usually rules out this treatment" not in text
    check = text.split("May need a check before treatment can start", 1)[1]
    assert "advises not to breastfeed during treatment" in check
    pregnant = visible_text(send_demo_answers(client, flag={"pregnancy-or-breastfeeding"}).content.decode())
    assert "Do not have esketamine or ketamine infusions while you are pregnant" in section(
        pregnant, "Usually rules out this treatment", "Tell your clinician at your"
    )
