"""The clinic's own details and the visit-preparation content staff keep up to date."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from education.text.phone import INVALID_PHONE, tel_uri

from .base import ActiveQuerySet, TimeStampedModel, demo_flag

# The rules and warning signs below are facts from the labels, not clinic choices, so they are the
# defaults; a clinic may make them stricter. Sources: docs/content-findings.md ("Facts and sources").
DRIVING_RULE_ESKETAMINE = (
    "After esketamine (Spravato), do not drive or use machines until the next day, "
    "after a restful night's sleep."
)
DRIVING_RULE_IV_KETAMINE = "After IV ketamine, do not drive or use machines for at least 24 hours."
EMERGENCY_SIGNS = "\n".join(
    [
        "chest pain",
        "trouble breathing, or breathing that is very slow",
        "a sudden, very bad headache",
        "signs of a stroke: weakness or numbness on one side of the body, a drooping face, "
        "or trouble speaking",
        "fainting, or being very hard to wake up",
    ]
)
CALL_CLINIC_SIGNS = "\n".join(
    [
        "confusion, seeing or hearing things that are not there, or feeling unreal, "
        "that lasts more than 24 hours",
        "yellow skin or eyes, dark urine, or pale stools",
        "pain when you pass urine, needing to go often or urgently, or blood in your urine",
        "any other side effect that lasts into the next day or worries you",
    ]
)


AFTER_HOURS_UNSET = (
    "When the clinic is closed, go to an urgent care center or an emergency room, or call 911 "
    "if it is an emergency."
)
# What a text writes to show one of the rules below: see education/templatetags/clinic_rules.py.
RULE_MARKER = re.compile(r"\[\[(driving-rule|red-flags|after-hours)\]\]")


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class ClinicDetails(TimeStampedModel):
    """One record (pk=1): shown in the header, footer and contact boxes on every page."""

    # Blank is allowed while a clinic sets up, but the go-live list asks for these before launch.
    required_before_go_live = ("after_hours_medical",)

    name = models.CharField(max_length=120, default="[Clinic name]")
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(
        max_length=40,
        default="[Clinic phone]",
        help_text="With the area code, e.g. (202) 555-0142. Every page links it: patients tap it to call.",
    )
    email = models.EmailField(blank=True)
    address = models.TextField(default="[Street address, city, state, ZIP]")
    hours = models.TextField(default="[Opening hours]")
    crisis_text = models.TextField(
        default=(
            "If you are thinking about suicide or are in crisis, call or text 988 "
            "or chat at 988lifeline.org. In an emergency, call 911."
        ),
        help_text="Shown at the top of every page next to the 988 and 911 links.",
    )
    not_for_emergencies = models.CharField(
        max_length=300,
        default="This website and our phone line are not for emergencies.",
        help_text="Shown next to the clinic's contact details.",
    )
    disclaimer = models.TextField(
        default="This website gives general information. It does not replace advice from your own clinician.",
        help_text="The short medical disclaimer in every page footer.",
    )
    driving_rule_esketamine = models.CharField(
        max_length=300,
        default=DRIVING_RULE_ESKETAMINE,
        verbose_name="driving rule after esketamine",
        help_text="Shown wherever a text says [[driving-rule]] (articles, FAQs, safety items, checklist, "
        "treatment-day steps). The label: not until the next day, after a restful sleep.",
    )
    driving_rule_iv_ketamine = models.CharField(
        max_length=300,
        default=DRIVING_RULE_IV_KETAMINE,
        verbose_name="driving rule after IV ketamine",
        help_text="Shown next to the esketamine rule. Ketamine labeling: not for at least 24 hours "
        "(write a longer time if your clinic asks for one). Never give the esketamine rule for both.",
    )
    emergency_signs = models.TextField(
        default=EMERGENCY_SIGNS,
        verbose_name="warning signs: call 911",
        help_text="One sign a line. Shown as “Call 911” in the warning-sign list, wherever a text says "
        "[[red-flags]] and on the safety and visit-preparation pages.",
    )
    call_clinic_signs = models.TextField(
        default=CALL_CLINIC_SIGNS,
        verbose_name="warning signs: call the clinic",
        help_text="One sign a line. Shown as “Call the clinic” in the same warning-sign list.",
    )
    after_hours_medical = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="after hours, for a side effect",
        help_text="What a patient does about a side effect when the clinic is closed: an on-call number "
        "or a named urgent-care service. Shown with the warning signs and wherever a text says "
        "[[after-hours]]. 988 is for emotional crises, not side effects.",
    )
    is_demo = models.BooleanField(
        default=False,
        verbose_name="demo clinic",
        help_text="These are the made-up demo details. Untick once you have entered your own.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "clinic details"
        verbose_name_plural = "clinic details"

    def __str__(self):
        return self.name

    def clean(self):
        if self.pk not in (None, 1):
            raise ValidationError("There is only one clinic details record.")
        # Here rather than as a field validator, which a migration would import (live code).
        if not tel_uri(self.phone):
            raise ValidationError({"phone": INVALID_PHONE})

    def save(self, *args, **kwargs):
        # Always the one record: saving a fresh instance replaces it rather than adding a second.
        self.pk = 1
        self.version = (self.version or 0) + 1  # refuses admin forms opened before this save
        if self.created_at is None:
            self.created_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def phone_link(self):
        """The phone number as a tel: link ("tel:+1-202-555-0142"), or "" while it is not a number."""
        return tel_uri(self.phone)

    @property
    def after_hours_text(self):
        return self.after_hours_medical or AFTER_HOURS_UNSET

    def driving_rules(self):
        return [self.driving_rule_esketamine, self.driving_rule_iv_ketamine]

    def rules_as_text(self, text):
        """Plain text with each rule marker replaced by these details' words (page descriptions,
        structured data): the same words the pages show, never the marker."""
        words = {
            "driving-rule": " ".join(self.driving_rules()),
            "red-flags": (
                f"Call 911 if you have: {'; '.join(self.emergency_sign_list())}. "
                f"Call the clinic the same day if you have: {'; '.join(self.call_clinic_sign_list())}. "
                f"{self.after_hours_text} If you have thoughts of suicide, call or text 988."
            ),
            "after-hours": self.after_hours_text,
        }
        return RULE_MARKER.sub(lambda match: words[match.group(1)], text)

    def emergency_sign_list(self):
        return _lines(self.emergency_signs)

    def call_clinic_sign_list(self):
        return _lines(self.call_clinic_signs)

    @classmethod
    def load(cls):
        """The saved record, or unsaved defaults: reading a page never writes to the database."""
        return cls.objects.filter(pk=1).first() or cls()


class TreatmentDayStep(TimeStampedModel):
    """One step of a treatment day, drawn as a timeline on the visit-preparation page."""

    title = models.CharField(max_length=120, help_text="e.g. “Check-in and blood pressure”.")
    duration = models.CharField(max_length=60, blank=True, help_text="e.g. “About 15 minutes”.")
    description = models.TextField(help_text="Plain language: what happens and what the patient does.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    active = models.BooleanField(default=True)
    is_demo = demo_flag()

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "treatment-day step"

    def __str__(self):
        return self.title


class ChecklistItem(TimeStampedModel):
    """A line of the printable visit checklist (what to bring, before you come, getting home)."""

    class Section(models.TextChoices):
        BRING = "bring", "What to bring"
        BEFORE = "before", "Before your visit (eating, drinking, medicines)"
        GETTING_HOME = "getting_home", "Getting home safely"

    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    active = models.BooleanField(default=True)
    is_demo = demo_flag()

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["section", "order", "id"]
        verbose_name = "visit checklist item"

    def __str__(self):
        return self.text
