"""`load_demo_content` fills an empty portal, and re-running it never touches staff work."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command

from education import demo_content
from education import demo_content as demo_files
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    DemoRecord,
    GlossaryTerm,
    MedicalReviewer,
    PematScore,
    SafetyItem,
    SelfCheckQuestion,
    Topic,
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


def test_every_demo_image_entry_fits_the_fields_staff_edit():
    """SQLite does not enforce a column's length, so an alt text too long for the form (and for
    PostgreSQL, and for import_content) would load here unnoticed; the model's own rules say."""
    import json
    from pathlib import Path

    from education.demo_content.images import loader
    from education.models import Image

    manifest = json.loads((Path(loader.__file__).parent / "manifest.json").read_text())
    for entry in manifest:
        image = Image(alt_text=entry["alt"], caption=entry["caption"], file=entry["file"])
        image.clean_fields(exclude=["original", "width", "height", "renditions"])


def _load(capsys=None):
    call_command("load_demo_content")
    return capsys.readouterr().out if capsys else None


def test_what_staff_deleted_renamed_or_edited_never_comes_back(client, capsys):
    """Issue 27: a re-run (make setup, make run) once brought back, live and unreviewed, what a
    reviewer had deleted, and put a second live copy of a renamed article up with its old text."""
    _load(capsys)
    gone = Article.objects.get(slug="paying-for-treatment")
    gone_title, gone_topic = gone.title, gone.topic
    gone.delete()
    term = GlossaryTerm.objects.get(slug="cpap")
    term.delete()
    safety = SafetyItem.objects.get(slug="liver-disease")
    safety.delete()
    renamed = Article.objects.get(slug="side-effects-and-safety")
    renamed.slug, renamed.body = "side-effects", "<p>Our reviewer's corrected text.</p>"
    renamed.save()
    counts = _row_counts()

    out = _load(capsys)

    assert "Demo content: created 0 items." in out
    assert _row_counts() == counts
    assert not Article.objects.filter(slug__in=["paying-for-treatment", "side-effects-and-safety"]).exists()
    assert not GlossaryTerm.objects.filter(slug="cpap").exists()
    assert not SafetyItem.objects.filter(slug="liver-disease").exists()
    assert Article.objects.get(pk=renamed.pk).body == "<p>Our reviewer's corrected text.</p>"
    # What patients see: the deleted ones are gone, the renamed one is there once, with its edit.
    assert client.get("/articles/paying-for-treatment/").status_code == 404
    assert client.get("/articles/side-effects-and-safety/").status_code == 404
    page = client.get("/articles/side-effects/").content.decode()
    assert "Our reviewer's corrected text." in page
    assert gone_title not in client.get(gone_topic.get_absolute_url()).content.decode()
    assert f">{term.term}<" not in client.get("/glossary/").content.decode()
    assert safety.title not in client.get("/safety/").content.decode()
    # The output says what was skipped and why.
    assert "article “paying-for-treatment”: deleted by staff: not loaded again" in out
    assert "glossary term “cpap”: deleted by staff: not loaded again" in out
    assert "safety-screening item “liver-disease”: deleted by staff: not loaded again" in out
    assert (
        "article “side-effects-and-safety”: slug changed by staff to “side-effects” and edited: "
        "left as it is, no second copy" in out
    )


def test_an_edited_item_is_named_and_kept(capsys):
    _load(capsys)
    faq = FAQ.objects.get(slug="how-much-does-it-cost")
    faq.answer = "<p>Ask our front desk for today's prices.</p>"
    faq.save()

    out = _load(capsys)

    assert FAQ.objects.get(pk=faq.pk).answer == "<p>Ask our front desk for today's prices.</p>"
    assert "FAQ “how-much-does-it-cost”: edited by staff: left as it is" in out
    assert f"Skipped {DemoRecord.objects.count() - 1} loaded before and unchanged since." in out


def test_a_picture_or_score_staff_took_out_of_an_article_is_not_put_back(demo_content):
    article = Article.objects.get(slug="what-a-treatment-day-is-like")
    assert "data-image-id" in article.body
    article.body = re.sub(r"<img[^>]*>", "", article.body)
    article.save()
    PematScore.objects.filter(article=article).delete()

    call_command("load_demo_content", verbosity=0)

    assert "data-image-id" not in Article.objects.get(pk=article.pk).body
    assert not PematScore.objects.filter(article=article).exists()


def test_a_list_staff_emptied_stays_empty(demo_content, client):
    TreatmentDayStep.objects.all().delete()
    ChecklistItem.objects.all().delete()

    call_command("load_demo_content", verbosity=0)

    assert not TreatmentDayStep.objects.exists() and not ChecklistItem.objects.exists()


def test_an_item_renamed_by_staff_keeps_its_new_name_and_its_articles(demo_content):
    topic = Topic.objects.get(slug=demo_files.TOPICS[0]["slug"])
    topic.slug = "our-own-topic"
    topic.save()
    articles = set(topic.articles.values_list("pk", flat=True))

    call_command("load_demo_content", verbosity=0)

    assert not Topic.objects.filter(slug=demo_files.TOPICS[0]["slug"]).exists()
    assert set(Topic.objects.get(slug="our-own-topic").articles.values_list("pk", flat=True)) == articles


def test_a_database_loaded_before_records_were_kept_gets_nothing_back(demo_content, capsys):
    """A site loaded by the earlier loader has no records: a demo item missing from it may have been
    deleted by staff, so it is recorded as never to load, on this run and every later one."""
    DemoRecord.objects.all().delete()
    Article.objects.filter(slug="paying-for-treatment").delete()
    GlossaryTerm.objects.filter(slug="cpap").delete()
    counts = _row_counts()

    out = _load(capsys)
    again = _load(capsys)

    assert "nothing was created" in out and "Skipped 2 missing when the loader began keeping records" in out
    assert "Demo content: created 0 items." in again and "Skipped 2 missing" in again
    counts.pop("education.DemoRecord")
    after = _row_counts()
    after.pop("education.DemoRecord")
    assert after == counts
    assert not Article.objects.filter(slug="paying-for-treatment").exists()


def test_a_demo_item_new_to_the_files_is_loaded_into_a_site_that_has_the_others(demo_content):
    """A file added to the demo content later has no record: it is loaded, once."""
    Article.objects.filter(slug="paying-for-treatment").delete()
    DemoRecord.objects.filter(key="article:paying-for-treatment").delete()  # as if never in the files

    call_command("load_demo_content", verbosity=0)

    article = Article.objects.get(slug="paying-for-treatment")
    assert article.is_demo and article.status == "published" and article.reviewer is None
    assert article.references.exists() and PematScore.objects.filter(article=article).exists()


def test_a_staff_item_with_a_demo_slug_is_left_alone(demo_content, capsys):
    Article.objects.filter(slug="paying-for-treatment").delete()
    DemoRecord.objects.filter(key="article:paying-for-treatment").delete()
    own = Article.objects.create(
        slug="paying-for-treatment", title="Our own prices page", topic=Topic.objects.first(), summary="s"
    )

    out = _load(capsys)

    assert list(Article.objects.filter(slug="paying-for-treatment")) == [own]
    assert Article.objects.get(pk=own.pk).title == "Our own prices page"
    assert "article “paying-for-treatment”: left alone: an item staff made already has this slug" in out


def test_a_second_run_is_a_handful_of_queries(demo_content, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):  # one for the records, then one for each kind
        call_command("load_demo_content", verbosity=0)


def test_an_item_whose_topic_or_category_staff_deleted_is_skipped_and_says_why():
    from education.management.commands.load_demo_content import DemoLoader

    loader = DemoLoader()
    assert loader.article({"slug": "new-article", "topic": "gone-topic"}) is None
    assert loader.faq({"slug": "new-question", "category": "gone-category"}) is None
    assert loader.skipped == [
        ("article “new-article”", "not loaded: its topic “gone-topic” was deleted"),
        ("FAQ “new-question”", "not loaded: its category “gone-category” was deleted"),
    ]
    assert not Article.objects.exists() and not FAQ.objects.exists()
