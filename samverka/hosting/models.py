from django.db import models


class PageGeneration(models.Model):
    """The version of all data, for the page cache (pagecache.py): one row, moved on after every commit
    that wrote to a table a page may show. In the database, so that every worker and node sees the same
    version whatever the cache is (a per-process local-memory cache included)."""

    value = models.BigIntegerField(default=0)
    # microseconds since the epoch: also part of the version, so that a counter set back (a restore of an
    # old row) never gives a key that was already used
    changed_at = models.BigIntegerField(default=0)

    class Meta:
        db_table = "hosting_pagegeneration"

    def __str__(self):
        return f"{self.value}"
