"""Shared building blocks: timestamps, the editorial status, publishing and review rules."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def demo_flag():
    """The "demo content" tick box that every kind of content carries (see load_demo_content)."""
    return models.BooleanField(
        default=False,
        verbose_name="demo content",
        help_text="Written for the demo, not by this clinic. Untick once your clinicians have checked it.",
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In medical review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def published_q(now=None):
    """THE rule for what patients may see: published, and inside its publish/unpublish window if it
    has one. Everything else (querysets, a single object, the search SQL) is derived from this."""
    now = now or timezone.now()
    return (
        models.Q(status=Status.PUBLISHED)
        & (models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=now))
        & (models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now))
    )


def scheduled_q(now=None):
    """Published but waiting for its publish time: the part of the rule above that publish_at keeps out."""
    return models.Q(status=Status.PUBLISHED, publish_at__gt=now or timezone.now())


LIVE, SCHEDULED, ENDED = "live", "scheduled", "ended"


def patient_state(obj, now=None):
    """The rule above for one row already in memory (a list column, a label, an image's pages):
    LIVE (patients see it), SCHEDULED (published, goes live at publish_at), ENDED (published,
    hidden since unpublish_at) or None (not published, switched off or not saved). Content with no
    status is live while active (active_q). tests/models/test_models.py holds it to the querysets."""
    if obj is None or obj.pk is None:
        return None
    if not getattr(obj, "active", True):
        return None
    status = getattr(obj, "status", None)
    if status is None:
        return LIVE
    if status != Status.PUBLISHED:
        return None
    now = now or timezone.now()
    if obj.publish_at and obj.publish_at > now:
        return SCHEDULED
    if obj.unpublish_at and obj.unpublish_at <= now:
        return ENDED
    return LIVE


def is_live_row(obj, now=None):
    """Patients see this row now (inside its publish window, switched on)."""
    return patient_state(obj, now) == LIVE


def is_approved_row(obj):
    """A row a reviewer let through: published whatever its window says, or of a kind with no status
    (switched on or off). It changes only through a draft: a scheduled row goes live, and a hidden
    one comes back, without another review."""
    if obj is None or obj.pk is None:
        return False
    status = getattr(obj, "status", None)
    return status is None or status == Status.PUBLISHED


def active_q():
    """THE rule for content switched on and off by hand (glossary, questions, checklist, steps,
    safety information, topics, FAQ categories): only active rows are shown."""
    return models.Q(active=True)


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active_q())


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reviewed_before_for_due_before(day, months):
    """The first date whose next review (that date plus `months`, as add_months counts) is not
    before `day`: an item reviewed earlier than it is due before `day`. add_months never goes
    down as the date goes up, so the items due before `day` are exactly those reviewed earlier."""
    first = add_months(day, -months) - datetime.timedelta(days=7)
    while add_months(first, months) < day:
        first += datetime.timedelta(days=1)
    return first


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_q(now))

    def scheduled(self, now=None):
        return self.filter(scheduled_q(now))

    def review_due_q(self, day):
        """A Q for items whose next medical review (``next_review_due``) falls before `day`, and
        items never reviewed. In SQL, one date comparison per review interval in use (there are a
        few), so lists and counts stay queryset work however many items there are."""
        months_in_use = self.order_by().values_list("review_interval_months", flat=True).distinct()
        due = models.Q(last_reviewed__isnull=True)
        for months in months_in_use:
            cutoff = reviewed_before_for_due_before(day, months)
            due |= models.Q(review_interval_months=months, last_reviewed__lt=cutoff)
        return due

    def review_due_before(self, day):
        return self.filter(self.review_due_q(day))


class MedicalReviewer(TimeStampedModel):
    """A clinician whose name and credentials are shown publicly on content they reviewed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="medical_reviewer",
        help_text="The staff account this clinician signs in with (needed to approve content).",
    )
    name = models.CharField(max_length=120, help_text="As patients should see it, e.g. “Dr. Ana Ruiz”.")
    credentials = models.CharField(max_length=200, help_text="e.g. “MD, board-certified psychiatrist”.")
    is_demo = models.BooleanField(
        default=False,
        verbose_name="demo reviewer",
        help_text="A fictional reviewer from the demo content: never a real clinician.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "medical reviewer"

    def __str__(self):
        return f"{self.name}, {self.credentials}"


def scheduling_indexes(prefix):
    """Indexes on the fields of the published rule's time window: the soonest scheduled publish or
    unpublish (read on every cache miss, see education.site.cache) is then one index probe, not a
    scan of the table. Each concrete model puts them in its Meta.indexes."""
    return [
        models.Index(fields=["status", field], name=f"{prefix}_{field}_idx")
        for field in ("publish_at", "unpublish_at")
    ]


def demo_index(prefix):
    """A partial index of the rows marked as demo content: every public page asks whether any is
    left (education.templatetags.demo), which without it reads the whole table when none is."""
    return models.Index(fields=["is_demo"], condition=models.Q(is_demo=True), name=f"{prefix}_demo_idx")


class ReviewedContent(TimeStampedModel):
    """Content that goes through the editorial workflow and periodic medical review."""

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # With status, the fields of the published rule (published_q).
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: it goes live at this time (empty: as soon as published)."
    )
    unpublish_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: it is hidden from patients after this time."
    )
    reviewer = models.ForeignKey(
        MedicalReviewer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="medical reviewer",
        help_text="The clinician who checked this content. Required before publishing.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date a clinician last checked this content."
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often this content must be checked again, in months."
    )
    review_notes = models.TextField(
        blank=True, help_text="Notes for staff only (never shown to patients), e.g. facts to verify."
    )
    is_demo = demo_flag()
    # Optimistic locking: every save bumps it, and a form carrying an older number is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Editorial checks (education.editorial.checks), stored so lists and pages never recompute them.
    editorial_warnings = models.JSONField(default=list, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, check=True, **kwargs):
        """``check=False`` leaves the editorial checks to the caller, who runs them once related rows
        (an article's references) are saved too: see ``refresh_editorial_warnings``."""
        self.version = (self.version or 0) + 1  # open admin forms holding the old number are refused
        self.render()
        if check:
            self.editorial_warnings = self.editorial_check()
        super().save(*args, **kwargs)

    def render(self):
        """Turn the Markdown fields into sanitised HTML (once, on save)."""

    # The editorial checks belong to the editorial feature, which plugs them in from
    # EducationConfig.ready() (education.editorial.checks.register): a model stores the warnings
    # but imports no feature, so it does not know the rules.
    editorial_checks = {}  # model class -> function(obj) -> [warning, ...]

    def editorial_check(self):
        return ReviewedContent.editorial_checks[type(self)](self)

    def refresh_editorial_warnings(self):
        """Run the checks now and store them, without a history entry or a new version."""
        self.editorial_warnings = self.editorial_check()
        type(self).objects.filter(pk=self.pk).update(editorial_warnings=self.editorial_warnings)

    def is_visible_to_patients(self, now=None):
        return type(self).objects.published(now).filter(pk=self.pk).exists()

    def clean(self):
        super().clean()
        errors = {}
        publish_at, unpublish_at = self.publish_at, self.unpublish_at
        if publish_at and unpublish_at and unpublish_at <= publish_at:
            errors["unpublish_at"] = "“Unpublish at” must be later than “publish at”."
        # Demo items are published unsigned on purpose: they claim no review (see load_demo_content).
        if self.status == Status.PUBLISHED and self.reviewer_id is None and not self.is_demo:
            errors["reviewer"] = "Choose the medical reviewer who approved this content before publishing it."
        if errors:
            raise ValidationError(errors)

    @property
    def next_review_due(self):
        if not self.last_reviewed:
            return None
        return add_months(self.last_reviewed, self.review_interval_months)

    def is_review_overdue(self, today=None):
        due = self.next_review_due
        return due is None or due < (today or timezone.localdate())
