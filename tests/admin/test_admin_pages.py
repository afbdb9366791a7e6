"""Every admin page staff use loads and saves, for a superuser and for an Editor."""

import html
import re

import pytest
from django.urls import reverse

from education.models import (
    FAQ,
    Article,
    ClinicDetails,
    Draft,
    GlossaryTerm,
    SafetyInformation,
    SafetyItem,
    Status,
)
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

MODELS = ["article", "faq", "safetyitem", "glossaryterm", "clinicdetails", "topic", "faqcategory",
          "medicalreviewer", "treatmentdaystep", "checklistitem", "selfcheckquestion",
          "safetyinformation"]  # fmt: skip
# Kinds with a history and a version (optimistic locking): change, history and diff pages, saving.
VERSIONED = ["article", "faq", "safetyitem", "glossaryterm", "clinicdetails", "safetyinformation"]


@pytest.fixture
def one_of_each(make_article, make_faq, make_safety_item, make_term, reviewer):
    clinic = ClinicDetails(phone="(202) 555-0142")
    clinic.save()
    return {
        "article": make_article(),
        "faq": make_faq(reviewer=reviewer),
        "safetyitem": make_safety_item(reviewer=reviewer),
        "glossaryterm": make_term(),
        "clinicdetails": clinic,
        "safetyinformation": SafetyInformation.objects.create(slug="esketamine", body="Boxed warnings."),
    }


@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
@pytest.mark.parametrize("model_name", MODELS)
def test_changelist_loads(client, request, user_fixture, model_name, one_of_each):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse(f"admin:education_{model_name}_changelist")).status_code == 200


@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
@pytest.mark.parametrize("model_name", VERSIONED)
def test_change_history_and_diff_pages_load(client, request, user_fixture, model_name, one_of_each):
    obj = one_of_each[model_name]
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse(f"admin:education_{model_name}_change", args=[obj.pk])).status_code == 200
    assert client.get(reverse(f"admin:education_{model_name}_history", args=[obj.pk])).status_code == 200
    record = obj.history.first()
    diff = reverse(f"admin:education_{model_name}_version_diff", args=[obj.pk, record.history_id])
    assert client.get(diff).status_code == 200


@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
@pytest.mark.parametrize("model_name", ["article", "faq", "safetyitem", "glossaryterm", "safetyinformation"])
def test_add_page_loads(client, request, user_fixture, model_name):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse(f"admin:education_{model_name}_add")).status_code == 200


def test_published_item_without_a_reviewer_cannot_be_saved_as_published(client, superuser, make_faq):
    faq = make_faq(answer="My careful answer.")
    client.force_login(superuser)
    url = reverse("admin:education_faq_change", args=[faq.pk])
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 200
    assert "Choose the medical reviewer who approved this content" in response.content.decode()
    assert "My careful answer." in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
@pytest.mark.parametrize("model_name", VERSIONED)
def test_change_page_saves_as_shown(client, request, user_fixture, model_name, one_of_each):
    obj = one_of_each[model_name]
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse(f"admin:education_{model_name}_change", args=[obj.pk])
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    after = type(obj).objects.get(pk=obj.pk)
    if user_fixture == "editor":
        # Live content: an Editor's save is a draft; the live row (what patients see) is untouched.
        assert after.version == obj.version
        assert Draft.objects.open().for_object(obj).exists()
    else:
        assert after.version == obj.version + 1


def test_editor_adds_an_article_as_a_draft(client, editor, topic):
    client.force_login(editor)
    url = reverse("admin:education_article_add")
    data = {
        "title": "New article",
        "slug": "new-article",
        "topic": topic.pk,
        "summary": "Short.",
        "key_points": "One",
        "body": "## Hello\n\nText.",
        "status": "draft",
        "review_interval_months": 12,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "references-0-title": "A source",
        "references-0-publisher": "NIMH",
        "references-0-order": "0",
    }
    assert client.post(url, data).status_code == 302
    article = Article.objects.get(slug="new-article")
    assert article.status == Status.DRAFT
    assert article.history.first().history_user == editor
    assert not [w for w in article.editorial_warnings if "No references" in w]


def test_models_with_history_are_the_ones_staff_edit():
    assert all(hasattr(model, "history") for model in (Article, FAQ, SafetyItem, GlossaryTerm, ClinicDetails))


def test_every_inline_editable_cell_in_a_list_is_named_after_its_column_and_row(
    client, superuser, make_faq, make_question
):
    make_faq(question="What should I bring?")
    make_question(text="Do you have heart disease?")
    client.force_login(superuser)
    faqs = client.get(reverse("admin:education_faq_changelist")).content.decode()
    assert 'aria-label="Order of “What should I bring?”"' in faqs
    questions = client.get(reverse("admin:education_selfcheckquestion_changelist")).content.decode()
    assert 'aria-label="Order of “Do you have heart disease?”"' in questions
    assert 'aria-label="Active of “Do you have heart disease?”"' in questions


@pytest.mark.parametrize("model_name", ["article", "faq", "safetyitem"])
def test_every_filter_and_sort_link_on_a_reviewed_list_works(client, editor, demo_content, model_name):
    client.force_login(editor)
    base = reverse(f"admin:education_{model_name}_changelist")
    links = set(re.findall(r'href="(\?[^"]*)"', client.get(base).content.decode()))
    assert len(links) > 10  # filters, sorting, date hierarchy
    for link in links:
        url = base + html.unescape(link)
        assert client.get(url).status_code == 200, url
