"""Every e-mail Samverka sends goes through here: `mail.send(key=..., ...)`, sent by a Celery task, or
`mail.send_batch([...])` for many mails at once (subscribers, digests), sent by one task over one connection.

    from samverka.jobs import mail
    mail.send(key=f"reminder:{reminder.pk}", to=[...], subject=..., body=..., html="", headers={...})
    mail.send_batch([mail.Message(key=..., to=[...], subject=..., body=..., headers={...}), ...])

- `key` names what the mail is for, unique across all mail (`<app>:<what>:<id>`). A second `send` with a
  key already used writes and sends nothing and returns the first mail: call it as often as you like.
- The mail is written as a `Mail` row in the caller's transaction and handed to the worker after that
  transaction commits (so a rolled-back write sends nothing). With no broker (the one-command start), it
  is sent at once in this process, as before.
- `deliver(mail_id)` locks the row (SELECT ... FOR UPDATE NOWAIT), sends, and marks it sent in one
  transaction: a second delivery while the first runs finds the lock and leaves, one after finds it sent.
  Only a worker killed between the mail server's acceptance and the commit could send a mail twice.
- A batch is one task for all its mails, sent over one connection (never one request per recipient); a
  failure for one address is recorded on its row and does not stop the others.
- A failed send leaves the row queued with its error; `retry_queued` (Celery beat, and `samverka remind`
  with no broker) sends it again, up to MAX_ATTEMPTS.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from samverka.jobs.models import Mail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Message:
    """One mail of a batch; the same fields as `send`."""

    key: str
    to: list[str]
    subject: str
    body: str
    html: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    from_email: str = ""


def _write(message: Message) -> tuple[Mail, bool]:
    """The mail's row, and whether this call wrote it (False: the key was used before)."""
    if not message.key or not message.to:
        raise ValueError("a mail needs a key and at least one recipient")
    existing = Mail.objects.filter(key=message.key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            mail = Mail.objects.create(
                key=message.key,
                to=sorted(set(message.to)),
                subject=message.subject.replace("\n", " ")[:300],
                body=message.body,
                html=message.html,
                headers=dict(message.headers or {}),
                from_email=message.from_email,
            )
    except IntegrityError:
        return Mail.objects.get(key=message.key), False  # another process wrote it first
    return mail, True


def send(
    *,
    key: str,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    from_email: str = "",
) -> Mail:
    """Write the mail and have it sent once; a key already used returns that mail and sends nothing."""
    mail, written = _write(Message(key, to, subject, body, html, headers or {}, from_email))
    if written:
        _dispatch([mail.pk])
    return mail


def send_batch(messages: list[Message]) -> list[Mail]:
    """Write many mails and have them sent by one task over one connection; keys already used are left
    out (each mail once). Returns the rows, in the order given."""
    rows, new_ids = [], []
    for message in messages:
        mail, written = _write(message)
        rows.append(mail)
        if written:
            new_ids.append(mail.pk)
    if new_ids:
        _dispatch(new_ids)
    return rows


def _dispatch(mail_ids: list) -> None:
    from samverka.jobs.tasks import send_mail, send_mails

    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_many(mail_ids)  # no broker: in this process, now
    elif len(mail_ids) == 1:
        transaction.on_commit(lambda: send_mail.delay(mail_ids[0]))
    else:
        transaction.on_commit(lambda: send_mails.delay(list(mail_ids)))


def deliver_many(mail_ids: list) -> int:
    """Send these queued mails over one connection; returns how many this call sent. A failure for one
    stays on its row (queued, for the retry) and the others go on."""
    if not mail_ids:
        return 0
    with get_connection() as connection:
        return sum(1 for mail_id in mail_ids if deliver(mail_id, connection=connection))


def deliver(mail_id, connection=None) -> bool:
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
            mail.subject,
            mail.body,
            mail.from_email or None,
            mail.to,
            connection=connection,
            headers={**mail.headers, "X-Samverka-Mail": mail.key},
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


def forget(key_prefix: str, key_suffix: str = "") -> int:
    """Delete the stored mails whose key starts (and ends) so: a subscriber's address leaves with their
    subscription. Returns how many were deleted."""
    mails = Mail.objects.filter(key__startswith=key_prefix)
    if key_suffix:
        mails = mails.filter(key__endswith=key_suffix)
    return mails.delete()[0]


def retry_queued(older_than_seconds: int | None = None) -> int:
    """Send again every mail still queued a while after it was written (its worker died, or the mail
    server refused it). Returns how many were sent now."""
    seconds = settings.JOB_STALE_SECONDS if older_than_seconds is None else older_than_seconds
    cutoff = timezone.now() - timedelta(seconds=seconds)
    ids = Mail.objects.filter(status=Mail.Status.QUEUED, created_at__lte=cutoff).values_list("pk", flat=True)
    return deliver_many(list(ids))
