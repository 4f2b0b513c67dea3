"""Every e-mail Samverka sends goes through here: `mail.send(key=..., ...)`, sent by a Celery task.

    from samverka.jobs import mail
    mail.send(key=f"reminder:{reminder.pk}", to=[...], subject=..., body=..., html=None)

- `key` names what the mail is for, unique across all mail (`<app>:<what>:<id>`). A second `send` with a
  key already used writes and sends nothing and returns the first mail: call it as often as you like.
- The mail is written as a `Mail` row in the caller's transaction and handed to the worker after that
  transaction commits (so a rolled-back write sends nothing). With no broker (the one-command start), it
  is sent at once in this process, as before.
- `deliver(mail_id)` locks the row (SELECT ... FOR UPDATE NOWAIT), sends, and marks it sent in one
  transaction: a second delivery while the first runs finds the lock and leaves, one after finds it sent.
  Only a worker killed between the mail server's acceptance and the commit could send a mail twice.
- A failed send leaves the row queued with its error; `retry_queued` (Celery beat, and `samverka remind`
  with no broker) sends it again, up to MAX_ATTEMPTS.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from samverka.jobs.models import Mail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def send(*, key: str, to: list[str], subject: str, body: str, html: str = "", from_email: str = "") -> Mail:
    """Write the mail and have it sent once; a key already used returns that mail and sends nothing."""
    if not key or not to:
        raise ValueError("a mail needs a key and at least one recipient")
    existing = Mail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            mail = Mail.objects.create(
                key=key,
                to=sorted(set(to)),
                subject=subject.replace("\n", " ")[:300],
                body=body,
                html=html,
                from_email=from_email,
            )
    except IntegrityError:
        return Mail.objects.get(key=key)  # another process wrote it first
    _dispatch(mail.pk)
    return mail


def _dispatch(mail_id) -> None:
    from samverka.jobs.tasks import send_mail

    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliver(mail_id)  # no broker: in this process, now
    else:
        transaction.on_commit(lambda: send_mail.delay(mail_id))


def deliver(mail_id) -> bool:
    """Send one queued mail; True when this call sent it."""
    Mail.objects.filter(pk=mail_id, status=Mail.Status.QUEUED).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        try:
            mail = Mail.objects.select_for_update(nowait=True).filter(pk=mail_id).first()
        except OperationalError:
            log.info("Mail %s is being sent elsewhere; this delivery leaves it.", mail_id)
            return False
        if mail is None or mail.status != Mail.Status.QUEUED:
            return False
        if mail.attempts > MAX_ATTEMPTS:
            mail.status = Mail.Status.FAILED
            mail.save(update_fields=["status"])
            return False
        message = EmailMultiAlternatives(
            mail.subject, mail.body, mail.from_email or None, mail.to, headers={"X-Samverka-Mail": mail.key}
        )
        if mail.html:
            message.attach_alternative(mail.html, "text/html")
        try:
            message.send()
        except Exception as exc:
            log.warning("Mail %s (%s) was not sent: %s", mail.pk, mail.key, exc)
            mail.error = str(exc)[:2000]
            mail.save(update_fields=["error"])
            return False
        mail.status = Mail.Status.SENT
        mail.sent_at = timezone.now()
        mail.error = ""
        mail.save(update_fields=["status", "sent_at", "error"])
        return True


def retry_queued(older_than_seconds: int | None = None) -> int:
    """Send again every mail still queued a while after it was written (its worker died, or the mail
    server refused it). Returns how many were sent now."""
    seconds = settings.JOB_STALE_SECONDS if older_than_seconds is None else older_than_seconds
    cutoff = timezone.now() - timedelta(seconds=seconds)
    ids = Mail.objects.filter(status=Mail.Status.QUEUED, created_at__lte=cutoff).values_list("pk", flat=True)
    return sum(1 for mail_id in list(ids) if deliver(mail_id))
