"""An article's PEMAT-P self-score: staff tick AHRQ's items, the scores follow from the ticks."""

from django.core.exceptions import ValidationError
from django.db import models

from education.text import pemat

from .base import TimeStampedModel
from .content import Article


class PematScore(TimeStampedModel):
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="pemat")
    # {"1": "agree" | "disagree" | "na", ...}, keyed by PEMAT's item numbers (education.text.pemat).
    answers = models.JSONField(default=dict, blank=True)
    scored_by = models.CharField(max_length=120, blank=True, help_text="Who ticked the items.")
    scored_on = models.DateField(null=True, blank=True, help_text="When the items were ticked.")
    notes = models.TextField(blank=True, help_text="Staff only: why items failed, and what would fix them.")

    class Meta:
        verbose_name = "PEMAT-P self-score"
        verbose_name_plural = "PEMAT-P self-scores"

    def __str__(self):
        return f"PEMAT-P self-score of “{self.article}”"

    def clean(self):
        super().clean()
        try:
            self.answers = pemat.clean_answers(self.answers)
        except ValueError as error:
            raise ValidationError({"answers": str(error)}) from None

    @property
    def understandability(self):
        return pemat.score(self.answers, pemat.UNDERSTANDABILITY)

    @property
    def actionability(self):
        return pemat.score(self.answers, pemat.ACTIONABILITY)

    @property
    def failed_items(self):
        return pemat.failed(self.answers)

    @property
    def unanswered_items(self):
        return pemat.unanswered(self.answers)
