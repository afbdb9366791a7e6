"""Questions for the private pre-visit self-check (answers are never stored)."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import ActiveQuerySet, TimeStampedModel, demo_flag


class SelfCheckQuestion(TimeStampedModel):
    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

    class Level(models.TextChoices):
        # Sorted most urgent first on the result page.
        URGENT = "urgent", "Urgent: get help now"
        # The esketamine label's contraindications and the infusion experts' "should not" list.
        RULES_OUT = (
            "rules_out",
            "Usually rules out this treatment: your clinician will talk with you about other options",
        )
        CHECK = "check", "May need a check before treatment can start"
        TELL = "tell", "Tell your clinician at your intake visit"

    slug = models.SlugField(
        max_length=80, unique=True, help_text="A short stable name, e.g. “blood-pressure”."
    )
    text = models.CharField(max_length=300, help_text="A yes/no question in plain language.")
    help_text = models.CharField(
        max_length=300, blank=True, help_text="Optional: a short explanation shown below."
    )
    attention_answer = models.CharField(
        max_length=3,
        choices=Answer.choices,
        default=Answer.YES,
        help_text="The answer that means the patient should raise this with the clinician.",
    )
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.TELL)
    guidance = models.TextField(help_text="Shown on the result page when the attention answer is given.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    active = models.BooleanField(default=True, help_text="Only active questions are asked.")
    is_demo = demo_flag()

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "self-check question"

    def __str__(self):
        return self.text
