"""The "Before you go live" panel on the admin home page: on a fresh demo it lists every placeholder
and example value, and what else is left; once all is filled in, it is gone."""

import datetime
import os
import re
import time

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice

from education.editorial import golive
from education.models import FAQ, Article, ClinicDetails, MedicalReviewer, Reference, TreatmentDayStep

pytestmark = pytest.mark.django_db

# The test's own idea of a placeholder, independent of the panel's patterns.
CLINIC_BRACKETS = re.compile(r"\[Clinic[^\]]*\]")
EXAMPLE_ADDRESS = re.compile(r"[\w.@-]*(?:example\.(?:org|com)|[\w-]\.example\b)[\w/.-]*")
PLACEHOLDER_NOTE = re.compile(r"\s*\([^()]*(?:placeholder|fictional|made-up|demo)[^()]*\)", re.IGNORECASE)
PHONE_555 = re.compile(r"(?:\(?\d{3}\)?[\s.-]?)?555[\s.-]?\d{4}")


def text_rows():
    """(row, field name, text) for every text field of every education model."""
    for model in apps.get_app_config("education").get_models():
        if model.__name__.startswith("Historical"):
            continue
        fields = [
            f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for obj in model._default_manager.all():
            for f in fields:
                if not f.name.endswith(("_html", "notes")):
                    yield obj, f.name, getattr(obj, f.attname) or ""


def panel(client):
    page = client.get(reverse("admin:index")).content.decode()
    start = page.find('id="before-you-go-live"')
    return page[start : page.find("</section>", start)] if start != -1 else None


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def test_fresh_demo_panel_lists_every_placeholder_with_a_link_to_fix_it(demo_content, staff_client):
    # Whatever the demo's own placeholders are, one in a treatment-day step (which admin search misses).
    TreatmentDayStep.objects.create(title="Parking", duration="[Clinic: confirm] 5 minutes", description="d")
    html = panel(staff_client)
    assert html is not None and "Before you go live" in html
    expected = set()
    for _obj, _name, text in text_rows():
        expected |= set(CLINIC_BRACKETS.findall(text)) | set(EXAMPLE_ADDRESS.findall(text))
        expected |= {m.strip() for m in PLACEHOLDER_NOTE.findall(text)}
    assert "[Clinic: confirm]" in expected
    missing = [text for text in expected if escape(" ".join(text.split())) not in html]
    assert missing == []
    step = TreatmentDayStep.objects.filter(duration__contains="[Clinic").first()
    assert f'<a href="{reverse("admin:education_treatmentdaystep_change", args=[step.pk])}">' in html
    clinic_url = reverse("admin:education_clinicdetails_change", args=[1])
    email = re.escape(ClinicDetails.load().email)  # the demo clinic's example address
    assert re.search(rf'<a href="{clinic_url}">Clinic details[^<]*</a>: email: “{email}”', html)
    assert "DJANGO_SITE_URL is not set" in html
    assert "Staff account “admin” has no confirmed authenticator app" in html
    assert "No backup location configured" in html or "No backup found" in html


def test_placeholders_anywhere_are_found_and_markdown_links_are_not(make_article, staff_client, settings):
    settings.SITE_URL = "https://portal.clinic.test"
    article = make_article(
        body="See the [visit checklist](/prepare/) and [FDA][1].\n\n[1]: https://www.fda.gov"
    )
    TreatmentDayStep.objects.create(title="Parking", description="Park at [Clinic: where to park].")
    Reference.objects.create(
        article=article, title="A page", publisher="P", url="https://www.example.com/page"
    )
    article.references.filter(publisher="A publisher").update(title="Call us on 555-0123 (example number)")
    html = panel(staff_client)
    assert "[Clinic: where to park]" in html
    assert (
        f'<a href="{reverse("admin:education_article_change", args=[article.pk])}">Reference “A page” in'
        in html
    )
    assert "www.example.com/page" in html
    assert "555-0123" in html
    assert "visit checklist" not in html and "[FDA]" not in html


def test_a_555_number_is_listed_only_where_it_is_flagged_as_an_example():
    assert "555-0100" in golive.find_placeholders("Call 555-0100 (a fictional number).")[0]
    assert golive.find_placeholders("Call 555-0100 today.")[0] == []
    assert golive.find_placeholders("(202) 555-0142", flagged=True)[0] == ["(202) 555-0142"]


def test_example_addresses_and_demo_notes_are_found():
    assert golive.find_placeholders("Write to info@example.org.") == ([], ["info@example.org"])
    assert golive.find_placeholders("hello@riverbend-clinic.example")[1] == ["hello@riverbend-clinic.example"]
    found = golive.find_placeholders("12 Harbor Lane (a made-up address for this demo), 8 to 5 (demo hours)")[
        0
    ]
    assert found == ["(a made-up address for this demo)", "(demo hours)"]
    assert golive.find_placeholders("Dr. Lee (placeholder)")[0] == ["(placeholder)"]
    assert golive.find_placeholders("Call us (on weekdays) at www.fda.gov/x")[0] == []


def _fill(obj, name, text):
    new = CLINIC_BRACKETS.sub("Maple Street Clinic", text)
    new = EXAMPLE_ADDRESS.sub("hello@maplestreetclinic.org", new)
    new = PLACEHOLDER_NOTE.sub("", new)
    new = PHONE_555.sub("617-412-3000", new)
    if new != text:
        type(obj)._default_manager.filter(pk=obj.pk).update(**{name: new})


def test_after_everything_is_filled_in_the_panel_is_gone(
    demo_content, staff_client, superuser, settings, tmp_path, monkeypatch
):
    for obj, name, text in list(text_rows()):
        _fill(obj, name, text)
    for model in apps.get_app_config("education").get_models():
        demo = golive._demo_field(model)  # content checked and kept: no longer demo content
        if demo and not model.__name__.startswith("Historical"):
            model._default_manager.update(**{demo: False})
    for model in (Article, FAQ):  # prices and programme details checked today
        model._default_manager.filter(shows_details_checked_on=True).update(
            details_checked_on=timezone.localdate()
        )
    for n, reviewer in enumerate(MedicalReviewer.objects.all()):
        reviewer.user = User.objects.create_user(f"clinician{n}", is_staff=True)
        reviewer.save()
    for user in User.objects.filter(is_staff=True):
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    settings.SITE_URL = "https://portal.maplestreetclinic.org"
    backup = tmp_path / "clinic-portal-20261201T020000Z.tar"
    backup.write_bytes(b"backup")
    monkeypatch.setenv("DJANGO_BACKUP_DIR", str(tmp_path))
    settings.BACKUP_DIR = str(tmp_path)

    assert panel(staff_client) is None

    # One thing left: only that is listed.
    TreatmentDayStep.objects.filter(order=1).update(duration="[Clinic: confirm] 15 minutes")
    html = panel(staff_client)
    assert html.count("<li>") == 1 and "Treatment-day step" in html


def test_staff_without_an_authenticator_and_an_old_backup_are_listed(db, settings, tmp_path, monkeypatch):
    settings.BACKUP_DIR = str(tmp_path)
    monkeypatch.setenv("DJANGO_BACKUP_DIR", str(tmp_path))
    old = tmp_path / "clinic-portal-20260101T020000Z.tar"
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 5 * 86400,) * 2)
    assert "more than 2 days old" in golive.backup_problem()
    monkeypatch.delenv("DJANGO_BACKUP_DIR")
    del settings.BACKUP_DIR
    problem = golive.backup_problem()
    assert problem == "No backup location configured" or problem.startswith("No backup found")


def test_demo_items_are_listed_until_a_real_linked_reviewer_signs_them(
    make_article, staff_client, monkeypatch
):
    """With a demo flag on the model (stood in for here by 'featured'), a demo article counts as
    reviewed only when its reviewer is linked to a staff account."""
    monkeypatch.setattr(golive, "_demo_field", lambda model: "featured" if model is Article else None)
    article = make_article(featured=True, title="Demo article")
    section = "Demo items not yet reviewed by a real, linked reviewer"
    assert section in panel(staff_client) and "Demo article" in panel(staff_client)
    article.reviewer.user = User.objects.create_user("realclinician", is_staff=True)
    article.reviewer.save()
    assert section not in panel(staff_client)


def test_the_scan_costs_one_query_per_model(demo_content, superuser, django_assert_max_num_queries):
    content_models = [m for m in apps.get_app_config("education").get_models() if golive.is_content_model(m)]
    with django_assert_max_num_queries(len(content_models) + 4):  # + staff e-mails, staff, devices, perms
        golive.report(superuser)


def test_the_clinic_details_default_placeholders_are_listed(staff_client):
    ClinicDetails().save()  # the model's own defaults: "[Clinic name]", "[Opening hours]"...
    html = panel(staff_client)
    assert "[Clinic name]" in html and "[Opening hours]" in html


def test_an_editor_sees_the_panel_with_links_only_where_they_may_look(db, client, editor):
    step = TreatmentDayStep.objects.create(title="Arrive", duration="[Clinic: confirm]", description="d")
    client.force_login(editor)
    html = panel(client)
    assert reverse("admin:education_treatmentdaystep_change", args=[step.pk]) in html
    assert "Staff account “editor” has no confirmed authenticator app" in html
    assert reverse("admin:auth_user_change", args=[editor.pk]) not in html  # editors cannot open accounts


def test_the_panel_is_not_on_other_admin_pages(demo_content, staff_client):
    page = staff_client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "before-you-go-live" not in page


def test_findings_in_a_long_text_and_555_numbers_with_their_area_code():
    """The example-address and 555 patterns start from their literal words: a pattern that can start
    anywhere took 13 s over 5,000 generated articles. Not a timing assertion: the results are checked."""
    text = ("A plain sentence about treatment with no findings at all. " * 2000) + "Mail info@example.org."
    assert golive.find_placeholders(text) == ([], ["info@example.org"])
    assert set(golive.find_placeholders("Call (202) 555-0142 (demo).")[0]) == {"(202) 555-0142", "(demo)"}
    assert golive.find_placeholders("Order 15550123 units")[0] == []


def test_price_pages_are_listed_until_their_details_are_checked_and_again_after_6_months(
    demo_content, staff_client
):
    section = "Price and programme details to check"
    html = panel(staff_client)
    assert section in html
    listed = html.split(section, 1)[1].split("</details>", 1)[0]
    for question in FAQ.objects.filter(shows_details_checked_on=True):
        assert escape(question.question) in listed and "never checked" in listed
    assert escape("Paying for treatment: costs") in listed
    today = timezone.localdate()
    FAQ.objects.update(details_checked_on=today)
    Article.objects.update(details_checked_on=today)
    assert section not in panel(staff_client)
    FAQ.objects.filter(slug="how-much-does-it-cost").update(
        details_checked_on=today - golive.PRICE_DETAILS_MAX_AGE - datetime.timedelta(days=1)
    )
    listed = panel(staff_client).split(section, 1)[1].split("</details>", 1)[0]
    assert listed.count("<li>") == 1 and "more than 6 months ago" in listed


def test_an_empty_after_hours_route_for_side_effects_is_on_the_go_live_list(staff_client):
    """Patients told "call the clinic" at night need the clinic's own after-hours route (review M8)."""
    clinic = ClinicDetails.load()
    clinic.after_hours_medical = ""
    clinic.save()
    html = panel(staff_client)
    clinic_url = reverse("admin:education_clinicdetails_change", args=[clinic.pk])
    assert re.search(
        rf'<a href="{clinic_url}">Clinic details[^<]*</a>: after hours, for a side effect: empty', html
    )

    clinic.after_hours_medical = "Call our on-call nurse line at +1-202-867-5309, any hour."
    clinic.save()
    assert "after hours, for a side effect: empty" not in (panel(staff_client) or "")
