"""Every kind of content patients see waits for approval: self-check questions (even unticking
"active" in the list), checklist items, treatment-day steps, topics, glossary terms, clinic details,
FAQ categories and the "Important safety information" block."""

import pytest
from django.urls import reverse

from education.editorial.permissions import group_permissions
from education.models import (
    ChecklistItem,
    ClinicDetails,
    Draft,
    FAQCategory,
    GlossaryTerm,
    SafetyInformation,
    Topic,
    TreatmentDayStep,
)
from tests.admin_forms import change_url, changelist_post, draft_step, edit_in_admin, form_data

pytestmark = pytest.mark.django_db


def approve_only_draft(client, reviewer_user):
    client.force_login(reviewer_user)
    response = draft_step(client, Draft.objects.open().get(), "approve")
    assert response.status_code == 302


def anonymous_page(client, url):
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_editor_unticking_an_urgent_question_in_the_list_makes_a_draft_not_a_change(
    client, editor, medical_reviewer_user, make_question
):
    question = make_question(text="Are you thinking about ending your life?", level="urgent", order=1)
    client.force_login(editor)
    response = changelist_post(client, question, order=1, active=False)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.active is True
    assert "Are you thinking about ending your life?" in anonymous_page(client, "/self-check/")
    assert Draft.objects.open().get().data["fields"]["active"] is False

    approve_only_draft(client, medical_reviewer_user)
    question.refresh_from_db()
    assert question.active is False
    assert "Are you thinking about ending your life?" not in anonymous_page(client, "/self-check/")


def test_editor_edit_of_a_question_in_the_change_form_is_a_draft(
    client, editor, medical_reviewer_user, make_question
):
    question = make_question(text="Do you have high blood pressure?")
    client.force_login(editor)
    assert (
        edit_in_admin(client, question, text="Has a doctor said your blood pressure is high?").status_code
        == 302
    )
    assert "Do you have high blood pressure?" in anonymous_page(client, "/self-check/")
    approve_only_draft(client, medical_reviewer_user)
    page = anonymous_page(client, "/self-check/")
    assert "Has a doctor said your blood pressure is high?" in page


@pytest.mark.parametrize(
    ("factory", "field", "old", "new", "url"),
    [
        (lambda: ChecklistItem.objects.create(section="bring", text="Your photo ID"), "text",
         "Your photo ID", "A photo ID card", "/prepare/"),
        (lambda: TreatmentDayStep.objects.create(title="Check-in", description="We check your BP."),
         "description", "We check your BP.", "A nurse checks your BP.", "/prepare/"),
        (lambda: Topic.objects.create(name="Depression", slug="depression", summary="Low mood that lasts."),
         "summary", "Low mood that lasts.", "Low mood that stays for weeks.", "/"),
    ],
    ids=["checklist-item", "treatment-day-step", "topic"],
)  # fmt: skip
def test_visit_preparation_and_topics_wait_for_approval(
    client, editor, medical_reviewer_user, factory, field, old, new, url
):
    obj = factory()
    client.force_login(editor)
    assert edit_in_admin(client, obj, **{field: new}).status_code == 302
    page = anonymous_page(client, url)
    assert old in page and new not in page
    approve_only_draft(client, medical_reviewer_user)
    page = anonymous_page(client, url)
    assert new in page and old not in page


def test_glossary_term_waits_for_approval(client, editor, medical_reviewer_user, make_term):
    term = make_term(term="Dissociation", definition="Feeling detached from your body.")
    client.force_login(editor)
    edit_in_admin(client, term, definition="Feeling apart from your body or surroundings.")
    assert "Feeling detached from your body." in anonymous_page(client, "/glossary/")
    approve_only_draft(client, medical_reviewer_user)
    assert "Feeling apart from your body or surroundings." in anonymous_page(client, "/glossary/")


def test_clinic_phone_number_change_waits_for_approval_on_every_page(client, editor, medical_reviewer_user):
    clinic = ClinicDetails(name="Lakeside Clinic", phone="(202) 555-0100")
    clinic.save()
    client.force_login(editor)
    assert edit_in_admin(client, clinic, phone="(202) 555-0199").status_code == 302
    clinic.refresh_from_db()
    assert clinic.phone == "(202) 555-0100"
    page = anonymous_page(client, "/")
    assert "555-0100" in page and "555-0199" not in page
    approve_only_draft(client, medical_reviewer_user)
    assert "555-0199" in anonymous_page(client, "/")


@pytest.mark.parametrize(
    ("factory", "field", "new"),
    [
        (lambda: None, "definition", "New."),
        (
            lambda: SafetyInformation.objects.create(slug="esketamine", body="<p>Old.</p>"),
            "body",
            "<p>New.</p>",
        ),
        (lambda: FAQCategory.objects.create(name="Old.", slug="costs"), "name", "New."),
    ],
    ids=["glossary-term", "safety-information", "faq-category"],
)
def test_reviewers_edit_these_directly(client, medical_reviewer_user, make_term, factory, field, new):
    obj = factory() or make_term(definition="Old.")
    client.force_login(medical_reviewer_user)
    assert edit_in_admin(client, obj, **{field: new}).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == new
    assert not Draft.objects.exists()


def test_an_editors_new_question_is_switched_off_until_a_reviewer_approves_it(
    client, editor, medical_reviewer_user
):
    from education.models import SelfCheckQuestion

    client.force_login(editor)
    data = {
        "slug": "new-question",
        "text": "Do you have a new condition?",
        "help_text": "",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": "Tell your clinician.",
        "order": "5",
        "active": "on",
    }
    response = client.post(reverse("admin:education_selfcheckquestion_add"), data)
    assert response.status_code == 302
    question = SelfCheckQuestion.objects.get(slug="new-question")
    assert question.active is False
    assert "Do you have a new condition?" not in anonymous_page(client, "/self-check/")
    approve_only_draft(client, medical_reviewer_user)
    assert "Do you have a new condition?" in anonymous_page(client, "/self-check/")


def test_an_editors_new_glossary_term_is_on_no_page_until_a_reviewer_approves_it(
    client, editor, medical_reviewer_user
):
    """A definition is medical text: it reaches neither the glossary nor search unreviewed."""
    client.force_login(editor)
    url = reverse("admin:education_glossaryterm_add")
    data = form_data(client.get(url)) | {
        "term": "Nasal spray device",
        "slug": "nasal-spray-device",
        "definition": "The small sprayer that holds one dose for both nostrils.",
        "active": "on",
    }
    assert client.post(url, data).status_code == 302
    assert GlossaryTerm.objects.get(slug="nasal-spray-device").active is False
    pages = ["/glossary/", "/glossary/n/", "/search/?q=sprayer"]
    client.logout()
    assert client.get("/glossary/n/").status_code == 404
    assert "one dose for both nostrils" not in anonymous_page(client, "/search/?q=sprayer")

    approve_only_draft(client, medical_reviewer_user)
    for url in pages:
        assert "one dose for both nostrils" in anonymous_page(client, url), url


def test_an_editor_unticking_a_glossary_term_takes_it_off_only_once_approved(
    client, editor, medical_reviewer_user, make_term
):
    make_term(term="Dissociation", slug="dissociation", definition="Feeling detached from your body.")
    term = make_term(term="Ketamine", slug="ketamine", definition="An anaesthetic medicine.")
    client.force_login(editor)
    assert edit_in_admin(client, term, active=False).status_code == 302
    assert "An anaesthetic medicine." in anonymous_page(client, "/glossary/")
    approve_only_draft(client, medical_reviewer_user)
    assert "An anaesthetic medicine." not in anonymous_page(client, "/glossary/")
    assert "Feeling detached" in anonymous_page(client, "/glossary/")
    assert "An anaesthetic medicine." not in anonymous_page(client, "/search/?q=anaesthetic")


def test_only_a_medical_reviewer_adds_a_topic_whose_summary_is_live_at_once(
    client, editor, medical_reviewer_user
):
    """A new topic has no draft of its own: its summary is on the home page the moment it is saved."""
    Topic.objects.create(name="Chronic pain", slug="chronic-pain", summary="Pain that lasts.")
    add_url = reverse("admin:education_topic_add")
    client.force_login(editor)
    assert client.get(add_url).status_code == 403
    data = {"name": "Anxiety", "slug": "anxiety", "summary": "Ketamine cures anxiety.", "order": "1"}
    assert client.post(add_url, data).status_code == 403
    assert not Topic.objects.filter(slug="anxiety").exists()
    # The article form offers the existing topics, with no "add another topic" button.
    article_form = client.get(reverse("admin:education_article_add")).content.decode()
    assert "Chronic pain" in article_form and 'id="add_id_topic"' not in article_form

    client.force_login(medical_reviewer_user)
    data["summary"] = "Worry that does not ease and gets in the way of daily life."
    assert client.post(add_url, form_data(client.get(add_url)) | data).status_code == 302
    assert "Worry that does not ease" in anonymous_page(client, "/")


def test_editors_cannot_delete_content_that_is_live_once_it_exists(editor, medical_reviewer_user):
    for model in ("glossaryterm", "checklistitem", "treatmentdaystep", "safetyinformation"):
        assert not editor.has_perm(f"education.delete_{model}")
        assert medical_reviewer_user.has_perm(f"education.delete_{model}")


def queue_on_admin_home(client, user):
    """The admin home's review queue, after checking that the draft's review page opens from it."""
    client.force_login(user)
    page = client.get(reverse("admin:index")).content.decode()
    queue = page[page.index('id="review-queue"') : page.index('id="review-due"')]
    draft_page = Draft.objects.open().get().get_absolute_url()
    assert draft_page in queue and client.get(draft_page).status_code == 200
    return queue


def submit_only_draft(client, editor, note):
    client.force_login(editor)
    assert draft_step(client, Draft.objects.open().get(), "submit", note=note).status_code == 302


def test_editors_can_open_the_safety_information_block(client, editor, medical_reviewer_user):
    block = SafetyInformation.objects.create(slug="esketamine", body="<p>Boxed warnings.</p>")
    for user in (editor, medical_reviewer_user):
        client.force_login(user)
        assert client.get(change_url(block)).status_code == 200, user
        assert client.get(reverse("admin:education_safetyinformation_changelist")).status_code == 200


def test_safety_information_change_waits_for_approval_on_every_page_that_shows_it(
    client, editor, medical_reviewer_user, make_article
):
    article = make_article(title="Side effects")
    old, new = "Esketamine can cause sedation and dissociation.", "Esketamine can make you very sleepy."
    block = SafetyInformation.objects.create(slug="esketamine", body=f"<p>{old}</p>")
    block.articles.set([article])
    pages = ["/safety/", article.get_absolute_url()]
    client.force_login(editor)
    assert edit_in_admin(client, block, body=f"<p>{new}</p>").status_code == 302  # as the editor sends it
    block.refresh_from_db()
    assert block.body == f"<p>{old}</p>"
    for url in pages:
        page = anonymous_page(client, url)
        assert old in page and new not in page, url

    submit_only_draft(client, editor, note="Plainer words for sedation")
    queue = queue_on_admin_home(client, medical_reviewer_user)
    assert "Important safety information" in queue and "Plainer words for sedation" in queue

    approve_only_draft(client, medical_reviewer_user)
    for url in pages:
        page = anonymous_page(client, url)
        assert new in page and old not in page, url


def test_an_editors_new_safety_information_block_is_switched_off_until_approved(
    client, editor, medical_reviewer_user
):
    client.force_login(editor)
    url = reverse("admin:education_safetyinformation_add")
    data = form_data(client.get(url)) | {
        "title": "Important safety information about driving",
        "slug": "driving",
        "body": "<p>Do not drive until the next day.</p>",
        "active": "on",
        "articles": [],  # none chosen: the browser posts nothing for the empty list
    }
    assert client.post(url, data).status_code == 302
    assert SafetyInformation.objects.get(slug="driving").active is False
    assert "Do not drive until the next day." not in anonymous_page(client, "/safety/")
    approve_only_draft(client, medical_reviewer_user)
    assert "Do not drive until the next day." in anonymous_page(client, "/safety/")


def test_faq_category_change_waits_for_approval(client, editor, medical_reviewer_user, make_faq):
    old, new = "Paying for treatment", "Costs and insurance"
    category = FAQCategory.objects.create(name=old, slug="paying", order=1)
    make_faq(category=category)
    client.force_login(editor)
    assert edit_in_admin(client, category, name=new).status_code == 302
    category.refresh_from_db()
    assert category.name == old
    page = anonymous_page(client, "/faq/")
    assert old in page and new not in page

    submit_only_draft(client, editor, note="Clearer category name")
    queue = queue_on_admin_home(client, medical_reviewer_user)
    assert new in queue and "Clearer category name" in queue

    approve_only_draft(client, medical_reviewer_user)
    page = anonymous_page(client, "/faq/")
    assert new in page and old not in page


def test_the_migrated_staff_groups_have_exactly_the_permissions_the_code_lists(db):
    """The frozen lists in the migrations and education.editorial.permissions say the same."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in group_permissions().items():
        group = Group.objects.get(name=name)
        granted = set(group.permissions.values_list("codename", flat=True))
        existing = set(
            Permission.objects.filter(
                content_type__app_label="education", codename__in=codenames
            ).values_list("codename", flat=True)
        )
        assert granted == existing, name


def test_an_editors_new_faq_category_is_off_the_faq_pages_until_a_reviewer_approves_it(
    client, editor, medical_reviewer_user, make_faq
):
    """A category's name is a heading patients read: it has the "shown on the site" switch of the
    other items without a status, and an Editor's new one waits for a reviewer like them."""
    client.force_login(editor)
    url = reverse("admin:education_faqcategory_add")
    data = form_data(client.get(url)) | {"name": "After your visit", "slug": "after-your-visit", "order": "5"}
    assert client.post(url, data).status_code == 302
    category = FAQCategory.objects.get(slug="after-your-visit")
    assert category.active is False
    make_faq(category=category, question="Can I drive home afterwards?")
    assert "After your visit" not in anonymous_page(client, "/faq/")
    assert client.get("/faq/after-your-visit/").status_code == 404

    approve_only_draft(client, medical_reviewer_user)
    assert "After your visit" in anonymous_page(client, "/faq/")
    assert "After your visit" in anonymous_page(client, "/faq/after-your-visit/")
