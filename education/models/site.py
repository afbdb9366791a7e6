"""Site plumbing kept in the database: the content version every cached page is keyed by."""

from django.db import models


class ContentVersion(models.Model):
    """One row (pk=1) whose counter every content save, delete or many-to-many change raises.

    It lives in the database, in the same transaction as the change, so no cache fault (a dropped
    write, a restart, a restore from an old dump) can bring back a page rendered before the change:
    cache keys carry this number, and every app process re-reads it at a short interval
    (``education.site.cache``). Raised with ``UPDATE … SET n = n + 1``, never read-modify-write.
    """

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.n}"
