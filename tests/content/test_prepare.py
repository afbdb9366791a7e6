"""The visit-preparation page: one clear path to the FAQs, safety, the self-check and the checklist,
and a treatment-day timeline drawn from the steps staff edit."""

import re

import pytest
from django.urls import reverse

from education.models import ChecklistItem, Draft, FAQCategory, TreatmentDayStep
from tests.admin_forms import draft_step

pytestmark = pytest.mark.django_db

PREPARE_URL = "/prepare/"


def test_prepare_page_links_every_step_of_the_path(client):
    FAQCategory.objects.create(name="Before your first visit", slug="before-your-first-visit", order=1)
    FAQCategory.objects.create(name="Treatment day", slug="treatment-day", order=2)
    FAQCategory.objects.create(name="Costs", slug="costs", order=3)
    page = client.get(PREPARE_URL).content.decode()
    path = page.split('<ol class="prepare-steps">', 1)[1].split("</ol>", 1)[0]
    for link in [
        'href="/faq/#before-your-first-visit"',
        'href="/faq/#treatment-day"',
        'href="/safety/"',
        'href="/self-check/"',
        'href="#checklist"',
        'href="#treatment-day"',
    ]:
        assert link in path
    assert "/faq/#costs" not in path
    assert "Your answers are never saved." in path


def test_prepare_page_links_the_faq_page_when_the_categories_are_missing(client):
    page = client.get(PREPARE_URL).content.decode()
    assert '<a href="/faq/">Read the common questions</a>' in page


def test_home_page_leads_to_the_prepare_path(client):
    home = client.get("/").content.decode()
    assert 'href="/prepare/"' in home
    assert 'href="/self-check/"' in client.get(PREPARE_URL).content.decode()


def test_timeline_is_an_ordered_list_of_the_active_steps_in_staff_order(client):
    TreatmentDayStep.objects.create(title="Go home", description="Your driver takes you home.", order=5)
    TreatmentDayStep.objects.create(
        title="Arrive", duration="Come 15 minutes early", description="Check in.", order=1
    )
    TreatmentDayStep.objects.create(title="Old step", description="Retired.", order=3, active=False)
    page = client.get(PREPARE_URL).content.decode()
    timeline = page.split('<ol class="timeline" role="list">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"<h3>(.*?)</h3>", timeline) == ["Arrive", "Go home"]
    assert timeline.count('<li class="timeline-step">') == 2
    assert "Come 15 minutes early" in timeline
    assert "Old step" not in page


def test_editor_adds_a_treatment_day_step_in_the_admin_and_it_shows(client, editor, medical_reviewer_user):
    client.force_login(editor)
    response = client.post(
        reverse("admin:education_treatmentdaystep_add"),
        {
            "title": "Rest and observation",
            "duration": "At least 2 hours",
            "description": "Staff watch over you.",
            "order": "4",
            "active": "on",
        },
    )
    assert response.status_code == 302
    # Since issue 13 an Editor's new step is shown once a medical reviewer approves it.
    client.logout()
    assert "Rest and observation" not in client.get(PREPARE_URL).content.decode()
    client.force_login(medical_reviewer_user)
    draft = Draft.objects.open().get()
    draft_step(client, draft, "approve")
    client.logout()
    page = client.get(PREPARE_URL).content.decode()
    assert "<h3>Rest and observation</h3>" in page and "At least 2 hours" in page


def test_checklist_is_grouped_by_section(client):
    ChecklistItem.objects.create(section="getting_home", text="A driver.", order=1)
    ChecklistItem.objects.create(section="bring", text="Your photo ID.", order=1)
    ChecklistItem.objects.create(section="bring", text="Old item.", order=2, active=False)
    page = client.get(PREPARE_URL).content.decode()
    checklist = page.split('<section id="checklist"', 1)[1]
    assert checklist.index("What to bring") < checklist.index("Your photo ID.")
    assert checklist.index("Getting home safely") < checklist.index("A driver.")
    assert "Old item." not in page


def test_demo_treatment_day_runs_from_arrival_to_going_home_with_a_driver(client, demo_content):
    page = client.get(PREPARE_URL).content.decode()
    timeline = page.split('<ol class="timeline" role="list">', 1)[1].split("</ol>", 1)[0]
    titles = [title.lower() for title in re.findall(r"<h3>(.*?)</h3>", timeline)]
    expected = ["arrive", "blood pressure", "treatment", "observation", "home"]
    positions = [next(i for i, title in enumerate(titles) if word in title) for word in expected]
    assert positions == sorted(positions)
    assert "2 hours" in timeline
    assert "driver" in timeline.lower()


def test_prepare_and_self_check_pages_have_no_inline_script_or_style(client, make_question):
    make_question()
    for url in [PREPARE_URL, "/self-check/"]:
        page = client.get(url).content.decode()
        assert "<script" not in page and "style=" not in page and "<style" not in page
