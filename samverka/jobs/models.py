from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.files import RandomName
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
    # What makes two starts the same job (a double-clicked confirmation, the same signed preview sent
    # twice): while one job with this kind and key is queued or done, `runner.start` returns it.
    key = models.CharField(max_length=128, blank=True, default="")
    # A file the job made (a report), handed out by the job's page to whoever may see the job.
    file = models.FileField(upload_to=RandomName("jobs/results"), blank=True, max_length=200)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=~models.Q(key="") & ~models.Q(status="failed"),
                name="jobs_job_one_live_per_key",
            )
        ]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status != self.Status.QUEUED


class Mail(models.Model):
    """One e-mail, sent by a Celery task (samverka.jobs.mail): written first, sent once.

    `key` says what the mail is for (a reminder of a commitment's due date, a subscriber's digest of a
    week); a second mail with the same key is never written, and the task that sends it locks the row
    and marks it sent in the same transaction, so a repeated or retried delivery sends nothing twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)  # e.g. List-Unsubscribe (RFC 2369, RFC 8058)
    from_email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self):
        return f"{self.key} ({self.status})"
