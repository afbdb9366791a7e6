"""The "Important safety information" block: the boxed warnings, written once, shown where they belong."""

from django.db import models
from simple_history.models import HistoricalRecords

from education.text.richtext import clean_rich_html, render_rich_html

from .base import ActiveQuerySet, TimeStampedModel, demo_flag
from .content import Article
from .images import Image


class SafetyInformation(TimeStampedModel):
    """One block of boxed-warning text that staff edit in one place and the site shows on many pages."""

    title = models.CharField(max_length=200, default="Important safety information")
    slug = models.SlugField(max_length=120, unique=True, help_text="A short stable name, e.g. “esketamine”.")
    body = models.TextField(
        help_text=(
            "The warnings in plain language, e.g. a list of what each one means. "
            "Use the toolbar for lists, links."
        )
    )
    body_html = models.TextField(editable=False, blank=True)
    articles = models.ManyToManyField(
        Article,
        blank=True,
        related_name="safety_information",
        help_text="The articles this block is shown on (near the top, below the key points).",
    )
    show_on_safety_page = models.BooleanField(default=True, help_text="Show it at the top of /safety/.")
    show_on_prepare_page = models.BooleanField(default=False, help_text="Show it on /prepare/.")
    active = models.BooleanField(default=True, help_text="Only active blocks are shown.")
    is_demo = demo_flag()
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[articles])
    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["title", "slug"]
        verbose_name = "important safety information"
        verbose_name_plural = "important safety information"

    def __str__(self):
        return self.title

    def render(self):
        self.body = clean_rich_html(self.body)  # whatever sent it (admin, draft, loader, shell)
        self.body_html = render_rich_html(self.body, Image.objects.in_bulk)

    def save(self, *args, **kwargs):
        self.render()
        self.version = (self.version or 0) + 1  # refuses admin forms opened before this save
        super().save(*args, **kwargs)
