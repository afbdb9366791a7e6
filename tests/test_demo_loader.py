"""`load_demo_content` fills an empty portal, and re-running it never touches staff work."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command

from education import demo_content
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    GlossaryTerm,
    MedicalReviewer,
    SafetyItem,
    SelfCheckQuestion,
    TreatmentDayStep,
)

pytestmark = pytest.mark.django_db


def _row_counts():
    return {
        model._meta.label: model.objects.count() for model in apps.get_app_config("education").get_models()
    }


def test_demo_content_is_loaded_and_published(client):
    call_command("load_demo_content", verbosity=0)
    assert Article.objects.published().count() == len(demo_content.ARTICLES) >= 10
    assert FAQ.objects.published().count() == len(demo_content.FAQS) >= 20
    assert SafetyItem.objects.published().count() == len(demo_content.SAFETY_ITEMS) >= 12
    assert GlossaryTerm.objects.count() >= 20
    assert SelfCheckQuestion.objects.filter(active=True).count() >= 12
    assert TreatmentDayStep.objects.count() >= 5 and ChecklistItem.objects.count() >= 5
    for article in Article.objects.all():
        assert article.references.exists(), article.slug
        assert client.get(article.get_absolute_url()).status_code == 200


def test_demo_items_are_marked_as_demo_and_never_claim_a_review(client):
    call_command("load_demo_content", verbosity=0)
    for model in (Article, FAQ, SafetyItem, GlossaryTerm, SelfCheckQuestion, TreatmentDayStep, ChecklistItem):
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    for model in (Article, FAQ, SafetyItem):
        # No reviewer and no review date: the loader never stamps a review that did not happen.
        assert not model.objects.filter(last_reviewed__isnull=False).exists(), model.__name__
        assert not model.objects.filter(reviewer__isnull=False).exists(), model.__name__
    assert ClinicDetails.load().is_demo
    assert all(reviewer.is_demo for reviewer in MedicalReviewer.objects.all())
    page = client.get(Article.objects.first().get_absolute_url()).content.decode()
    assert "Medically reviewed by" not in page
    assert "It has not been reviewed by this clinic's clinicians." in page


def test_demo_articles_pass_every_editorial_check_once_loaded():
    # Reading grade, claims, links to our own pages, headings, references, key points.
    call_command("load_demo_content", verbosity=0)
    for article in Article.objects.all():
        assert article.editorial_warnings == [], (article.slug, article.editorial_warnings)
        assert article.smog_grade is not None and article.reading_grade <= 8


def test_running_it_twice_changes_nothing():
    call_command("load_demo_content", verbosity=0)
    before = _row_counts()
    call_command("load_demo_content", verbosity=0)
    assert _row_counts() == before


def test_it_never_overwrites_or_recreates_staff_edits():
    call_command("load_demo_content", verbosity=0)
    article = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    article.title = "Edited by staff"
    article.save()
    clinic = ClinicDetails.load()
    clinic.phone = "555-0199"
    clinic.save()
    step = TreatmentDayStep.objects.first()
    step.delete()
    GlossaryTerm.objects.filter(slug=demo_content.GLOSSARY[0]["slug"]).update(definition="Staff wording.")

    call_command("load_demo_content", verbosity=0)

    assert Article.objects.get(pk=article.pk).title == "Edited by staff"
    assert ClinicDetails.load().phone == "555-0199"
    assert not TreatmentDayStep.objects.filter(pk=step.pk).exists()
    assert TreatmentDayStep.objects.count() == len(demo_content.TREATMENT_DAY) - 1
    assert GlossaryTerm.objects.get(slug=demo_content.GLOSSARY[0]["slug"]).definition == "Staff wording."


def test_the_demo_clinic_is_plainly_fictional_with_reserved_phone_and_domain():
    call_command("load_demo_content", verbosity=0)
    clinic = ClinicDetails.load()
    assert "Demo" in clinic.name
    assert re.fullmatch(r"\(\d{3}\) 555-01\d\d", clinic.phone)  # numbers reserved for fiction
    assert clinic.email.endswith(".example")  # a reserved top-level domain, never a real inbox
    assert "demo" in clinic.address.lower() and "demo" in clinic.hours.lower()
    for value in (clinic.name, clinic.phone, clinic.address, clinic.hours, clinic.email):
        assert "[" not in value and "]" not in value


def test_demo_content_is_checked_once_its_references_and_links_exist():
    call_command("load_demo_content", verbosity=0)
    checked = [*Article.objects.all(), *FAQ.objects.all(), *SafetyItem.objects.all()]
    false_alarms = [
        (str(item), warning)
        for item in checked
        for warning in item.editorial_warnings
        if "No references" in warning or "cannot see" in warning or "does not exist" in warning
    ]
    assert false_alarms == []
    # Stored, so the admin lists show them without recomputing each row.
    assert all(item.editorial_warnings == item.editorial_check() for item in checked)


def test_the_demo_illustrations_show_in_their_articles_with_alt_text_and_caption(demo_content, client):
    """Each of the team's diagrams is in the image library and shown, as patients get it, in the
    article it belongs to: a <picture> with renditions, its alt text and its caption."""
    import html
    import json
    from pathlib import Path

    from education.demo_content.images import loader

    manifest = json.loads((Path(loader.__file__).parent / "manifest.json").read_text())
    assert len(manifest) >= 4
    for entry in manifest:
        page = client.get(f"/articles/{entry['article']}/").content.decode()
        figures = re.findall(r"<figure class=\"content-figure\">.*?</figure>", page, re.S)
        alt = f'alt="{html.escape(entry["alt"])}"'
        figure = next((figure for figure in figures if alt in figure), "")  # an article may have more
        assert figure, (entry["article"], entry["file"])
        assert "<picture>" in figure and 'type="image/webp"' in figure and "srcset=" in figure
        assert html.escape(entry["caption"], quote=False) in figure, entry["file"]
