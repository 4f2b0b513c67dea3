"""What the digest e-mail has told a person: each thing once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)  # Notice.key: what and for which revision or due date
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_digest_entry_per_thing")]

    def __str__(self):
        return self.key


class DigestPreference(models.Model):
    """How often a person wants the digest; no row means daily."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Once a week (Mondays)")
        OFF = "off", _("Never")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(
        _("digest e-mail"), max_length=8, choices=Frequency.choices, default=Frequency.DAILY
    )

    def __str__(self):
        return self.frequency


class Notification(models.Model):
    """One thing that awaited a person (a `selectors.Notice`), kept with its read state.

    Written by `inbox.sync` from the one selector; a thing that no longer waits (approved, done, scored) is
    settled by marking it read, a partner's new record stays unread until the person reads it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)  # Notice.key
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    overdue = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "key"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_thing")]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text
