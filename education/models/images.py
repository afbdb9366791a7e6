"""The image library: pictures staff upload once and place in articles, FAQs and safety guidance."""

import json
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Cast
from django.template.loader import render_to_string

from .base import LIVE, SCHEDULED, Status, TimeStampedModel, is_live_row, patient_state
from .drafts import Draft

# Alt text that is really a file name or a camera's label, not a description.
_FILENAME_LIKE = re.compile(
    r"^\s*(?:[\w\-. ]+\.(?:jpe?g|png|webp|gif|svg|heic|tiff?|bmp)"
    r"|(?:img|dsc|dscn|pxl|image|photo|pic|screenshot)[\s_\-]*[\d_\-]*|[\d_\-\s]+)\s*$",
    re.I,
)


def alt_text_problem(alt_text, decorative):
    """Why this alt text will not do (None when it is fine)."""
    alt_text = (alt_text or "").strip()
    if decorative:
        return None
    if not alt_text:
        return "Describe the image for people who cannot see it, or tick “Decorative only”."
    if _FILENAME_LIKE.match(alt_text):
        return (
            f"“{alt_text}” looks like a file name, not a description. Say what the image shows, "
            "e.g. “A nurse checks a patient's blood pressure”."
        )
    return None


class Image(TimeStampedModel):
    """An uploaded picture, re-encoded without metadata, with renditions made once at upload."""

    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Required unless decorative.",
    )
    decorative = models.BooleanField(
        "decorative only",
        default=False,
        help_text="Tick only if the image adds nothing to the text (screen readers then skip it).",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Optional: shown under the image.")
    credit = models.CharField(
        "credit and licence",
        max_length=300,
        blank=True,
        help_text="Optional: who made it and under what licence, e.g. “Drawn by clinic staff”.",
    )
    # The cleaned master and its renditions (paths in the default storage, hashed names).
    file = models.CharField(max_length=300, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    fallback_format = models.CharField(max_length=10, editable=False)  # "jpeg" or "png"
    renditions = models.JSONField(default=list, editable=False)  # [{"width", "webp", "fallback"}]
    content_hash = models.CharField(max_length=64, editable=False, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "image"

    def __str__(self):
        return self.alt_text or self.caption or f"Decorative image {self.pk}"

    def clean(self):
        problem = alt_text_problem(self.alt_text, self.decorative)
        if problem:
            raise ValidationError({"alt_text": problem})

    def save(self, *args, **kwargs):
        self.alt_text = self.alt_text.strip()
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            refresh_image_users(self)

    # Serving -----------------------------------------------------------------------------

    @staticmethod
    def url(path):
        return default_storage.url(path)

    @property
    def smallest_url(self):
        return self.url(self.renditions[0]["fallback"]) if self.renditions else self.url(self.file)

    def srcset(self, key):
        return ", ".join(f"{self.url(r[key])} {r['width']}w" for r in self.renditions)

    def picture_html(self):
        """The <figure><picture> patients get (templates/education/_picture.html)."""
        largest = self.renditions[-1]
        return render_to_string(
            "education/_picture.html",
            {
                "image": self,
                "webp_srcset": self.srcset("webp"),
                "fallback_srcset": self.srcset("fallback"),
                "fallback_src": self.url(largest["fallback"]),
                "fallback_type": f"image/{self.fallback_format}",
                "width": largest["width"],
                "height": round(self.height * largest["width"] / self.width),
            },
        ).strip()

    # Where used ---------------------------------------------------------------------------

    @property
    def marker(self):
        """How stored rich text refers to this image (education.text.richtext)."""
        return f'data-image-id="{self.pk}"'

    def usages(self):
        """Every article, FAQ, safety item and safety-information block whose text shows this image,
        as (kind, object)."""
        found = []
        for name, field in (
            ("Article", "body"),
            ("FAQ", "answer"),
            ("SafetyItem", "guidance"),
            ("SafetyInformation", "body"),
        ):
            model = apps.get_model("education", name)  # by name: those models import this one
            for item in model.objects.filter(**{f"{field}__contains": self.marker}):
                found.append((model._meta.verbose_name, item))
        return found

    def live_usages(self):
        """The usages patients see now (not rows still in draft or review)."""
        return [(kind, item) for kind, item in self.usages() if is_live_row(item)]

    def review_drafts(self):
        """Drafts in review or approved for later whose text shows this image."""
        # Inside the JSON the marker's quotes are escaped; the database narrows, Python confirms
        # (a draft's "base", the live text it started from, does not count).
        escaped = json.dumps(self.marker)[1:-1]
        candidates = (
            Draft.objects.filter(state__in=[Draft.State.IN_REVIEW, Draft.State.SCHEDULED])
            .annotate(text=Cast("data", models.TextField()))
            .filter(text__contains=escaped)
            .select_related("content_type")
        )
        return [
            draft
            for draft in candidates
            if any(isinstance(v, str) and self.marker in v for v in draft.data.get("fields", {}).values())
        ]

    LIVE, GOES_LIVE, IN_REVIEW = "live", "goes live later", "in review"
    SCHEDULED = "approved to go live later"

    def protected_usages(self):
        """Where changing this image changes what patients see or what a reviewer checks or signed:
        [(where, state)], state LIVE, GOES_LIVE (published, waiting for its publish time: it goes live
        with no further review), IN_REVIEW or SCHEDULED. Rows in draft status, rows hidden since their
        unpublish time or switched off, and drafts not yet submitted (or sent back) are not listed:
        their authors change them freely, and bringing them back goes through review."""
        found = []
        for kind, item in self.usages():
            state = patient_state(item)
            if state == LIVE:
                found.append((f"the {kind} “{item}”", self.LIVE))
            elif state == SCHEDULED:
                found.append((f"the {kind} “{item}”", self.GOES_LIVE))
            elif getattr(item, "status", None) == Status.IN_REVIEW:
                found.append((f"the {kind} “{item}”", self.IN_REVIEW))
        for draft in self.review_drafts():
            state = self.SCHEDULED if draft.state == draft.State.SCHEDULED else self.IN_REVIEW
            found.append((f"the draft of the {draft.kind} “{draft.title}”", state))
        return found


def refresh_image_users(image):
    """Alt text or caption changed: re-render the pages that show the image (their HTML only)."""
    for _kind, item in image.usages():
        item.render()
        fields = [name for name in ("body_html", "answer_html", "guidance_html") if hasattr(item, name)]
        type(item).objects.filter(pk=item.pk).update(**{name: getattr(item, name) for name in fields})
