"""What the demo loader (manage.py load_demo_content) has created, so it never creates it twice."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoRecord(models.Model):
    """One item of the demo files, loaded once: the loader skips every key it has a record of.

    A row of its own rather than a mark on the item, because the record must outlive what staff do
    to the item: deleted (no row left to mark), renamed (its slug no longer finds it) or edited.
    """

    key = models.CharField(
        max_length=250,
        unique=True,
        help_text="The item in the demo files, e.g. “article:paying-for-treatment”.",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The row it created. Empty: not created, because the database already had "
        "content when the loader began keeping records and this item was not there.",
    )
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    # Loader bookkeeping, not content: never exported, imported or scanned (education.transfer.kinds).
    is_content = False

    class Meta:
        ordering = ["key"]
        verbose_name = "demo content record"

    def __str__(self):
        return self.key
