"""What the digest e-mail has told a person: each thing once."""

from django.conf import settings
from django.db import models


class DigestEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)  # Notice.key: what and for which revision or due date
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_digest_entry_per_thing")]

    def __str__(self):
        return self.key
