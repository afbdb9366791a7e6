"""Drafts of live content and the review conversation about them.

The live row is always the approved version. An edit of live content by someone who cannot
approve it is stored here as a Draft (the form's values serialised to JSON, with the live
values it started from); approval copies it onto the live row in one transaction
(education.editorial.drafts). One mechanism for every kind of content patients see.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from .base import TimeStampedModel


class DraftQuerySet(models.QuerySet):
    def open(self):
        """Drafts still in play (not yet applied to the live row, not discarded)."""
        return self.exclude(state__in=[Draft.State.APPLIED, Draft.State.DISCARDED])

    def working(self):
        """The draft staff still edit: at most one per item. An approved (scheduled) change is frozen."""
        return self.filter(state__in=Draft.WORKING_STATES)

    def scheduled(self):
        return self.filter(state=Draft.State.SCHEDULED)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)


class Draft(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft (not submitted)"
        IN_REVIEW = "in_review", "In review"
        SENT_BACK = "sent_back", "Sent back for changes"
        SCHEDULED = "scheduled", "Approved, scheduled"
        APPLIED = "applied", "Approved and live"
        DISCARDED = "discarded", "Discarded"

    WORKING_STATES = (State.DRAFT, State.IN_REVIEW, State.SENT_BACK)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField(db_index=True)
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=300, help_text="What the item was called when the draft was saved.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    # {"fields": {attname: value}, "m2m": {name: [pk]}, "inlines": {prefix: {...}}, "base": {...}}
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The live row's version this draft was made from."
    )
    # Optimistic locking of the draft itself: two people editing the same draft.
    version = models.PositiveIntegerField(default=1)
    editorial_warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The submitter's note to the reviewer.")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    go_live_at = models.DateTimeField(
        null=True, blank=True, help_text="When an approved draft replaces the live version."
    )
    # What the approval signed: the draft's version and a fingerprint of its content, checked again
    # when a scheduled change goes live (education.editorial.drafts.content_hash).
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_hash = models.CharField(max_length=64, blank=True)
    # A never-published item (article, FAQ, safety item) is edited in place on its own row; this
    # Draft only stands for it in the drafts list, the review queue and the conversation. Its state
    # follows the row's status (education.editorial.drafts.track_item); it holds no content.
    new_item = models.BooleanField(
        default=False, help_text="Stands for a never-published item, whose row holds the text."
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "created_at"]
        permissions = [("approve_draft", "Can approve drafts of glossary, topics, questions, clinic details")]
        constraints = [
            # One working draft per item: everyone edits the same draft (and VersionedForm guards it).
            # An approved change waiting for its go-live time is frozen beside it: edits after an
            # approval make a new working draft, built on top of it, that needs its own review.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=["draft", "in_review", "sent_back"]),
                name="one_working_draft_per_item",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state="scheduled"),
                name="one_scheduled_draft_per_item",
            ),
        ]

    def __str__(self):
        return f"Draft of “{self.title}”"

    @property
    def model(self):
        return self.content_type.model_class()

    @property
    def kind(self):
        return self.model._meta.verbose_name if self.model else "deleted kind"

    def get_absolute_url(self):
        return reverse("admin:education_draft_change", args=[self.pk])


class ReviewEvent(models.Model):
    """One step of the review conversation, kept with the item (and its draft, if any)."""

    class Kind(models.TextChoices):
        SAVED = "saved", "saved a draft"
        SUBMITTED = "submitted", "submitted for review"
        SENT_BACK = "sent_back", "sent back"
        APPROVED = "approved", "approved"
        SCHEDULED = "scheduled", "approved, to go live later"
        APPLIED = "applied", "went live"
        WITHDRAWN = "withdrawn", "withdrew from review"
        DISCARDED = "discarded", "discarded the draft"
        RESTORED = "restored", "restored an earlier version as a draft"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField(db_index=True)
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # A save keeps the draft's content as saved, so a refused approval can say what changed since.
    draft_version = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user or 'someone'} {self.get_kind_display()}"
