"""The private pre-visit self-check: staff manage the questions, patients get a printable result,
crisis resources come first, answers leave no trace, and tampered requests get a clear 4xx."""

import logging
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from education.models import ChecklistItem, SelfCheckQuestion, TreatmentDayStep
from tests.admin_forms import draft_step

pytestmark = pytest.mark.django_db

FORM_URL = "/self-check/"
RESULT_URL = "/self-check/result/"
FORM_TYPE = "application/x-www-form-urlencoded"  # what a browser sends for our form
Level = SelfCheckQuestion.Level
LEVEL_HEADINGS = {
    Level.URGENT: "Urgent: get help now",
    Level.CHECK: "May need a check before treatment can start",
    Level.TELL: "Tell your clinician at your intake visit",
}


def send(client, data, **extra):
    """POST the way a browser submits the self-check form."""
    return client.post(RESULT_URL, urlencode(data, doseq=True), content_type=FORM_TYPE, **extra)


def answers(questions, answer="yes", **more):
    return {f"q_{q.pk}": answer for q in questions} | more


def main_of(response):
    """The page's <main> content, with leading whitespace removed."""
    page = response.content.decode()
    return page.split('<main id="main"', 1)[1].split(">", 1)[1].split("</main>", 1)[0].strip()


# --- Staff manage the questions in the admin -------------------------------------------------


def test_editor_adds_a_question_in_the_admin_and_patients_are_asked_it(client, editor, medical_reviewer_user):
    client.force_login(editor)
    response = client.post(
        reverse("admin:education_selfcheckquestion_add"),
        {
            "slug": "sleep-apnea",
            "text": "Do you have sleep apnea or use a CPAP machine?",
            "help_text": "CPAP is a machine that helps you breathe while you sleep.",
            "attention_answer": "yes",
            "level": "tell",
            "guidance": "Tell your clinician, and bring your CPAP if the clinic asks.",
            "order": "5",
            "active": "on",
        },
    )
    assert response.status_code == 302
    approve_drafts(client, medical_reviewer_user)  # since issue 13: new items wait for approval
    client.logout()
    page = client.get(FORM_URL).content.decode()
    assert "Do you have sleep apnea or use a CPAP machine?" in page
    assert "CPAP is a machine that helps you breathe while you sleep." in page


def approve_drafts(client, reviewer_user):
    """Since issue 13 an Editor's change of a live question is a draft until a reviewer approves it."""
    from education.models import Draft

    client.force_login(reviewer_user)
    for draft in Draft.objects.open():
        draft_step(client, draft, "approve")
    assert not Draft.objects.open().exists()


def test_editor_changes_a_questions_level_and_the_result_follows(
    client, editor, medical_reviewer_user, make_question
):
    question = make_question(text="Are you having thoughts of harming yourself?")
    client.force_login(editor)
    change_url = reverse("admin:education_selfcheckquestion_change", args=[question.pk])
    response = client.post(
        change_url,
        {
            "slug": question.slug,
            "text": question.text,
            "help_text": "",
            "attention_answer": "yes",
            "level": "urgent",
            "guidance": "Please call or text 988 now.",
            "order": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    approve_drafts(client, medical_reviewer_user)
    client.logout()
    result = send(client, answers([question]))
    assert main_of(result).startswith('<section class="crisis-box crisis-urgent" role="alert"')
    assert "Please call or text 988 now." in result.content.decode()


def test_editor_reorders_and_retires_questions_from_the_admin_list(
    client, editor, medical_reviewer_user, make_question
):
    first = make_question(text="First question?", order=1)
    second = make_question(text="Second question?", order=2)
    retired = make_question(text="Retired question?", order=3)
    client.force_login(editor)
    # The changelist edits order and active in place (list_editable).
    rows = [(first, 9, True), (second, 2, True), (retired, 3, False)]
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3", "_save": "Save"}
    for n, (question, order, active) in enumerate(rows):
        data |= {f"form-{n}-id": str(question.pk), f"form-{n}-order": str(order)}
        if active:
            data[f"form-{n}-active"] = "on"
    response = client.post(reverse("admin:education_selfcheckquestion_changelist"), data)
    assert response.status_code == 302
    approve_drafts(client, medical_reviewer_user)
    client.logout()
    page = client.get(FORM_URL).content.decode()
    assert "Retired question?" not in page
    assert page.index("Second question?") < page.index("First question?")


def test_admin_lists_filter_and_search_the_three_kinds_of_visit_content(client, editor, make_question):
    make_question(text="Do you take opioid pain medicine?", level=Level.CHECK)
    client.force_login(editor)
    for model in ["selfcheckquestion", "checklistitem", "treatmentdaystep"]:
        assert client.get(reverse(f"admin:education_{model}_changelist")).status_code == 200
    found = client.get(
        reverse("admin:education_selfcheckquestion_changelist"), {"q": "opioid", "level": "check"}
    )
    assert "Do you take opioid pain medicine?" in found.content.decode()


def test_editor_adds_checklist_items_and_they_appear_on_the_result(
    client, editor, medical_reviewer_user, make_question
):
    question = make_question()
    client.force_login(editor)
    response = client.post(
        reverse("admin:education_checklistitem_add"),
        {"section": "getting_home", "text": "Ask a friend to drive you home.", "order": "1", "active": "on"},
    )
    assert response.status_code == 302
    approve_drafts(client, medical_reviewer_user)  # since issue 13: new items wait for approval
    client.logout()
    page = send(client, answers([question], "no")).content.decode()
    assert "Getting home safely" in page and "Ask a friend to drive you home." in page


# --- The form --------------------------------------------------------------------------------


def test_form_asks_each_active_question_in_its_own_fieldset_in_staff_order(client, make_question):
    make_question(text="Second?", order=2, help_text="Some help.")
    make_question(text="First?", order=1)
    make_question(text="Hidden?", order=3, active=False)
    response = client.get(FORM_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<fieldset") == 2 and page.count("<legend") == 2
    assert page.index("First?") < page.index("Second?")
    assert "Hidden?" not in page
    assert 'aria-describedby="id_q_' in page and "Some help." in page
    assert page.count('type="radio"') == 4
    assert '<form method="post" action="/self-check/result/"' in page
    assert 'name="csrfmiddlewaretoken"' not in page  # the result view needs none: the page is cacheable
    assert 'name="questions_to_ask"' in page and 'maxlength="2000"' in page


def test_form_page_says_it_is_private_not_a_diagnosis_and_shows_crisis_help(client, make_question):
    make_question()
    page = client.get(FORM_URL).content.decode()
    assert "not a diagnosis and not an eligibility decision" in page
    assert (
        "Your answers are private:</strong> they are used once to make your result page and are never saved"
        in page
    )
    assert 'href="tel:988"' in page and 'href="tel:911"' in page


def test_staff_help_text_is_shown_as_text_not_html(client, make_question):
    make_question(help_text="<b>bold</b> & more")
    page = client.get(FORM_URL).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page and "<b>bold</b>" not in page


def test_form_page_is_the_same_for_everyone_and_cached_but_the_result_never_is(client, make_question):
    question = make_question()
    first, second = client.get(FORM_URL), client.get(FORM_URL)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "no-store" not in second["Cache-Control"] and not second.cookies
    result = send(client, answers([question]))
    assert result.status_code == 200 and "no-store" in result["Cache-Control"] and "X-Cache" not in result


def test_form_page_without_questions_still_works(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    assert "has not added any self-check questions yet" in response.content.decode()


def test_main_navigation_links_to_the_self_check(client):
    page = client.get("/").content.decode()
    assert '<a href="/self-check/">Self-check</a>' in page
    assert (
        '<a href="/self-check/" aria-current="page">Self-check</a>' in client.get(FORM_URL).content.decode()
    )


# --- The result, for each level --------------------------------------------------------------


@pytest.mark.parametrize("level", [Level.TELL, Level.CHECK, Level.URGENT])
def test_attention_answer_lists_the_question_under_its_level_with_the_staff_guidance(
    client, make_question, level
):
    flagged = make_question(level=level, text="Flagged question?", guidance="Do this particular thing.")
    calm = make_question(level=level, text="Calm question?", guidance="Never shown guidance.")
    response = send(client, {f"q_{flagged.pk}": "yes", f"q_{calm.pk}": "no"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h3>{LEVEL_HEADINGS[level]}</h3>" in page
    assert "Flagged question?" in page and "Do this particular thing." in page
    assert "Calm question?" not in page and "Never shown guidance." not in page
    for other in set(LEVEL_HEADINGS) - {level}:
        assert f"<h3>{LEVEL_HEADINGS[other]}</h3>" not in page
    assert ("Get help now" in page) == (level == Level.URGENT)


def test_a_question_can_need_attention_when_the_answer_is_no(client, make_question):
    question = make_question(
        text="Do you have someone to drive you home?",
        attention_answer=SelfCheckQuestion.Answer.NO,
        guidance="Arrange a ride before your visit.",
    )
    assert "Arrange a ride before your visit." in send(client, answers([question], "no")).content.decode()
    assert (
        "Arrange a ride before your visit." not in send(client, answers([question], "yes")).content.decode()
    )


def test_no_flagged_answers_gives_a_calm_result_without_a_crisis_alert(client, make_question):
    questions = [make_question(level=level) for level in Level.values]
    page = send(client, answers(questions, "no")).content.decode()
    assert "Your answers did not flag anything on this short list." in page
    assert "This list does not cover everything." in page
    assert "None of your answers needs" not in page
    assert "Get help now" not in page and 'role="alert"' not in page


def test_urgent_answer_puts_crisis_resources_first_then_check_then_tell(client, make_question):
    tell = make_question(level=Level.TELL, guidance="Tell guidance.", order=1)
    check = make_question(level=Level.CHECK, guidance="Check guidance.", order=2)
    urgent = make_question(level=Level.URGENT, guidance="Urgent guidance.", order=3)
    response = send(client, answers([tell, check, urgent]))
    main = main_of(response)
    # The very first thing in <main> is the crisis alert, so a screen reader meets it first.
    assert main.startswith('<section class="crisis-box crisis-urgent" role="alert"')
    crisis_box = main.split("</section>", 1)[0]
    assert '<h2 id="get-help-heading">Get help now</h2>' in crisis_box
    for link in [
        'href="tel:988"',
        'href="sms:988"',
        'href="https://988lifeline.org/chat/"',
        'href="tel:911"',
    ]:
        assert link in crisis_box
    assert main.index("Get help now") < main.index("<h1>Your self-check result</h1>")
    assert main.index("Urgent guidance.") < main.index("Check guidance.") < main.index("Tell guidance.")
    assert response.content.decode().split("<title>", 1)[1].startswith("Get help now.")


def test_result_says_it_is_not_a_diagnosis_and_never_judges_eligibility(client, make_question):
    questions = [make_question(level=level) for level in Level.values]
    for answer in ["yes", "no"]:
        page = send(client, answers(questions, answer)).content.decode()
        assert "This is not a diagnosis and not an eligibility decision." in page
        assert page.lower().count("eligib") == 1
        assert not re.search(r"\b(not )?eligible\b", page, re.IGNORECASE)


def test_result_has_the_visit_checklist_by_section_and_the_patients_questions(client, make_question):
    question = make_question()
    ChecklistItem.objects.create(section="bring", text="Your photo ID.", order=1)
    ChecklistItem.objects.create(section="before", text="No food for 2 hours.", order=1)
    ChecklistItem.objects.create(section="getting_home", text="A driver.", order=1)
    ChecklistItem.objects.create(section="bring", text="Retired item.", order=2, active=False)
    page = send(
        client, answers([question], questions_to_ask="Can I keep taking my sleep pills?\nHow long is it?")
    ).content.decode()
    assert page.index("What to bring") < page.index("Your photo ID.")
    assert "Before your visit (eating, drinking, medicines)" in page and "No food for 2 hours." in page
    assert "Getting home safely" in page and "A driver." in page
    assert "Retired item." not in page
    assert "Can I keep taking my sleep pills?<br>How long is it?" in page


def test_patients_questions_are_shown_as_text_not_html(client, make_question):
    question = make_question()
    page = send(client, answers([question], questions_to_ask='<script>alert("x")</script>')).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page


def test_result_is_printable_as_a_handout(client, make_question):
    question = make_question(level=Level.CHECK)
    page = send(client, answers([question])).content.decode()
    # On paper: a note to bring it, a space to write questions, and no on-screen-only links.
    assert '<p class="print-only handout-note">Bring this page to your first visit.</p>' in page
    assert '<div class="write-in print-only" aria-hidden="true"></div>' in page
    assert '<p class="no-print selfcheck-next">' in page
    assert "<script" not in page and "style=" not in page  # strict CSP: no inline script or style
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    print_rules = css[css.index("/* ---- Self-check and visit preparation") :]
    assert (
        "@media print" in print_rules
        and ".selfcheck-next, .privacy-note { display: none !important; }" in (print_rules)
    )
    assert ".print-only { display: block; }" in css and ".no-print" in css


def test_demo_questions_work_end_to_end(client, demo_content):
    questions = list(SelfCheckQuestion.objects.filter(active=True))
    assert len(questions) >= 12
    assert client.get(FORM_URL).content.decode().count("<fieldset") == len(questions)
    response = send(client, {f"q_{q.pk}": q.attention_answer for q in questions})
    assert response.status_code == 200
    assert main_of(response).startswith('<section class="crisis-box crisis-urgent" role="alert"')
    page = response.content.decode()
    assert page.lower().count("eligib") == 1
    assert TreatmentDayStep.objects.exists() and "What to bring" in page


# --- Privacy ---------------------------------------------------------------------------------


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@contextmanager
def every_log_line(caplog):
    """Capture every logger at DEBUG, including those that do not pass records to the root logger."""
    quiet = [
        logging.getLogger(name)
        for name, logger in logging.Logger.manager.loggerDict.items()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in quiet:
        logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="django"):
            for logger in quiet:
                caplog.set_level(logging.DEBUG, logger=logger.name)
            yield
    finally:
        for logger in quiet:
            logger.removeHandler(caplog.handler)


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_answers_leave_no_trace_in_database_session_cache_or_logs(client, make_question, caplog):
    urgent = make_question(level=Level.URGENT, guidance="Private urgent guidance.")
    tell = make_question(level=Level.TELL, guidance="Private tell guidance.")
    client.get(FORM_URL)  # a first page view creates the clinic-details record; that is not an answer
    private_question = "Is my zebra-7731 medicine a problem?"
    cache = caches["default"]
    rows_before, cache_before = row_counts(), dict(cache._cache)

    with every_log_line(caplog), CaptureQueriesContext(connection) as queries:
        response = send(client, answers([urgent, tell], questions_to_ask=private_question))

    assert response.status_code == 200 and "Private urgent guidance." in response.content.decode()
    assert row_counts() == rows_before
    assert not [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert dict(cache._cache) == cache_before
    assert caplog.records, "log capture should see at least the SQL queries"
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for secret in ["zebra-7731", "Private urgent guidance.", "Private tell guidance.", f"q_{urgent.pk}"]:
        assert secret not in logged
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_invalid_submission_keeping_answers_is_not_cached_either(client, make_question):
    make_question()
    response = send(client, {"questions_to_ask": "Secret words"})
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_answers_never_go_in_a_url_and_the_pages_say_they_are_not_saved(client, make_question):
    question = make_question()
    form = client.get(FORM_URL).content.decode()
    assert 'method="post"' in form and 'action="/self-check/result/"' in form
    response = send(client, answers([question]))
    assert response.request["QUERY_STRING"] == ""
    page = response.content.decode()
    assert (
        "Your answers were not saved: this page was made once, for you, and is gone when you close it."
        in page
    )
    assert "Printed from: http://testserver/self-check/result/<" in page


# --- Bad input -------------------------------------------------------------------------------


def test_missing_answers_show_clear_errors_and_keep_the_other_answers(client, make_question):
    answered = make_question(text="Answered?")
    skipped = make_question(text="Skipped?")
    response = send(client, {f"q_{answered.pk}": "yes", "questions_to_ask": "Keep me please"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please check your answers" in page
    assert (
        f'<a href="#id_q_{skipped.pk}_0">Skipped?</a> Please answer this question: choose Yes or No.' in page
    )
    assert re.search(rf'value="yes"\s+id="id_q_{answered.pk}_0"\s+required checked', page)
    assert "Keep me please</textarea>" in page


@pytest.mark.parametrize("bad_value", ["maybe", "", "YES", "yes\x00"])
def test_an_invalid_answer_gets_a_clear_message(client, make_question, bad_value):
    question = make_question()
    response = send(client, {f"q_{question.pk}": bad_value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please choose Yes or No." in page or "Please answer this question" in page


@pytest.mark.parametrize("tampered_name", ["q_999999", "q_abc", "q_", "q_-1"])
def test_an_unknown_question_id_is_refused_with_a_clear_message(client, make_question, tampered_name):
    question = make_question()
    response = send(client, answers([question], **{tampered_name: "yes"}))
    assert response.status_code == 400
    assert "This form has changed since it was opened, or was altered." in response.content.decode()


def test_an_inactive_question_id_is_refused_with_a_clear_message(client, make_question):
    question = make_question()
    retired = make_question(active=False, guidance="Retired guidance.")
    response = send(client, answers([question, retired]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This form has changed since it was opened, or was altered." in page
    assert "Retired guidance." not in page


@pytest.mark.parametrize("duplicated", ["question", "questions_to_ask"])
def test_duplicated_fields_are_refused(client, make_question, duplicated):
    question = make_question()
    name = f"q_{question.pk}" if duplicated == "question" else "questions_to_ask"
    body = urlencode(answers([question])) + f"&{name}=no&{name}=yes"
    response = client.post(RESULT_URL, body, content_type=FORM_TYPE)
    assert response.status_code == 400
    assert "Each question takes one answer." in response.content.decode()


def test_questions_longer_than_2000_characters_get_a_clear_error(client, make_question):
    question = make_question()
    assert send(client, answers([question], questions_to_ask="a" * 2000)).status_code == 200
    response = send(client, answers([question], questions_to_ask="a" * 2001))
    assert response.status_code == 400
    assert "Please shorten your questions to 2,000 characters or fewer (you wrote 2001)." in (
        response.content.decode()
    )


def test_a_null_character_in_the_questions_gets_a_clear_error(client, make_question):
    question = make_question()
    response = send(client, answers([question], questions_to_ask="hello\x00there"))
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_an_oversized_body_gets_our_400_page(client, make_question):
    question = make_question()
    response = send(
        client, answers([question], questions_to_ask="a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    )
    assert response.status_code == 400
    assert "too large or in a format we cannot read" in response.content.decode()


def test_too_many_fields_get_our_400_page(client, make_question):
    question = make_question()
    extra = {f"x{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = send(client, answers([question], **extra))
    assert response.status_code == 400
    assert "too large or in a format we cannot read" in response.content.decode()


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", '{"q_1": "yes"}'),
        ("text/plain", "q_1=yes"),
        ("multipart/form-data; boundary=xyz", "--xyz--"),
    ],
)
def test_a_body_that_is_not_our_form_gets_a_clear_400(client, make_question, content_type, body):
    make_question()
    response = client.post(RESULT_URL, body, content_type=content_type)
    assert response.status_code == 400
    assert "Please send your answers with the form on the self-check page." in response.content.decode()


def test_a_form_body_in_another_character_set_gets_our_400_page(client, make_question):
    question = make_question()
    response = client.post(RESULT_URL, f"q_{question.pk}=yes", content_type=f"{FORM_TYPE}; charset=latin-1")
    assert response.status_code == 400
    assert "too large or in a format we cannot read" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_the_result_address_without_a_form_post_explains_and_is_405(client, method):
    response = getattr(client, method)(RESULT_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "We never save self-check answers" in response.content.decode()


def test_a_query_string_on_the_result_address_is_not_read_as_answers(client, make_question):
    question = make_question(guidance="Should not show.")
    response = client.get(RESULT_URL, answers([question]))
    assert response.status_code == 405
    assert "Should not show." not in response.content.decode()


def test_a_post_from_another_site_is_refused_and_our_own_form_needs_no_token(make_question):
    """No CSRF token (docs/security.md): the browser's own Origin / Sec-Fetch-Site say where
    a post comes from, so another site cannot make our result page show answers never given."""
    question = make_question(guidance="Tell the nurse.")
    browser = Client(enforce_csrf_checks=True)
    for header in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}):
        response = send(browser, answers([question]), **header)
        assert response.status_code == 403 and "Tell the nurse." not in response.content.decode()
    same_site = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
    assert send(browser, answers([question]), **same_site).status_code == 200
    assert send(browser, answers([question])).status_code == 200  # a browser too old to say


def test_an_oversized_body_from_a_browser_with_a_csrf_cookie_gets_our_400_page(make_question):
    # A real browser has the CSRF cookie, so the body is read before the token is checked.
    question = make_question()
    browser = Client(enforce_csrf_checks=True)
    browser.get(FORM_URL)
    big = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = send(browser, answers([question], questions_to_ask=big))
    assert response.status_code == 400
    assert "too large or in a format we cannot read" in response.content.decode()
