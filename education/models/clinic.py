"""The clinic's own details and the visit-preparation content staff keep up to date."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import TimeStampedModel, demo_flag


class ClinicDetails(TimeStampedModel):
    """One record (pk=1): shown in the header, footer and contact boxes on every page."""

    name = models.CharField(max_length=120, default="[Clinic name]")
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, default="[Clinic phone]")
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

    def save(self, *args, **kwargs):
        # Always the one record: saving a fresh instance replaces it rather than adding a second.
        self.pk = 1
        self.version = (self.version or 0) + 1  # refuses admin forms opened before this save
        if self.created_at is None:
            self.created_at = timezone.now()
        super().save(*args, **kwargs)

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

    class Meta:
        ordering = ["section", "order", "id"]
        verbose_name = "visit checklist item"

    def __str__(self):
        return self.text
