from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Municipality, UUIDModel


class Job(UUIDModel):
    """One background job: what to do (`kind` and `params`), for whom, and how it ended.

    The status changes only when the job's one transaction commits, so a job killed half-way is still
    `queued` with nothing of its work saved, and is sent again (runner.requeue_stale).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting or running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # Why it failed, in the words shown to the person who started it (already translated).
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "sent_at"])]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status != self.Status.QUEUED
