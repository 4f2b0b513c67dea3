"""Every e-mail through samverka.jobs.mail: written once per key, sent once however often it is delivered,
retried when the mail server said no, and sent only after the writing transaction commits."""

import pytest
from django.core import mail as outbox
from django.db import transaction

from samverka.jobs import mail, tasks
from samverka.jobs.models import Mail


def _send(key="test:1", to=("a@example.se",)):
    return mail.send(key=key, to=list(to), subject="Ämne", body="Hej")


def test_a_mail_is_sent_once_however_often_it_is_sent_or_delivered(db):
    first = _send()
    again = _send()
    tasks.send_mail(first.pk)  # the task delivered a second time
    mail.deliver(first.pk)
    assert again.pk == first.pk
    assert [(m.subject, m.to) for m in outbox.outbox] == [("Ämne", ["a@example.se"])]
    first.refresh_from_db()
    assert (first.status, first.attempts) == (Mail.Status.SENT, 1)
    assert outbox.outbox[0].extra_headers["X-Samverka-Mail"] == "test:1"


def test_two_keys_are_two_mails(db):
    _send("test:1")
    _send("test:2", to=["b@example.se", "b@example.se"])
    assert [m.to for m in outbox.outbox] == [["a@example.se"], ["b@example.se"]]


def test_a_refused_mail_stays_queued_and_is_sent_by_the_retry(db, settings, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    queued = _send()
    queued.refresh_from_db()
    assert (queued.status, queued.error) == (Mail.Status.QUEUED, "mail server down")
    assert outbox.outbox == []
    monkeypatch.undo()
    assert mail.retry_queued(older_than_seconds=0) == 1
    assert mail.retry_queued(older_than_seconds=0) == 0
    queued.refresh_from_db()
    assert (queued.status, queued.error, len(outbox.outbox)) == (Mail.Status.SENT, "", 1)


def test_with_a_broker_the_mail_waits_for_the_commit_and_a_rollback_sends_nothing(
    transactional_db, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    delivered = []
    monkeypatch.setattr(tasks.send_mail, "delay", lambda mail_id: delivered.append(mail_id))
    with pytest.raises(RuntimeError), transaction.atomic():
        _send("test:rolled-back")
        raise RuntimeError
    assert delivered == [] and not Mail.objects.exists()
    with transaction.atomic():
        written = _send("test:committed")
        assert delivered == []  # not before the commit
    assert delivered == [written.pk]
    tasks.send_mail(written.pk)  # what the worker does
    tasks.send_mail(written.pk)  # and a redelivery of the same message
    assert len(outbox.outbox) == 1


def test_a_mail_needs_a_key_and_a_recipient(db):
    with pytest.raises(ValueError):
        mail.send(key="", to=["a@example.se"], subject="x", body="y")
    with pytest.raises(ValueError):
        mail.send(key="test:3", to=[], subject="x", body="y")


def test_a_mail_carries_its_headers(db):
    mail.send(
        key="test:headers",
        to=["a@example.se"],
        subject="Ämne",
        body="Hej",
        headers={"List-Unsubscribe": "<https://example.se/avsluta/x/>"},
    )
    (sent,) = outbox.outbox
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.se/avsluta/x/>"
    assert sent.extra_headers["X-Samverka-Mail"] == "test:headers"


def _batch(*addresses):
    return [mail.Message(key=f"batch:{a}", to=[a], subject="Ämne", body=f"Hej {a}") for a in addresses]


def test_a_batch_is_one_task_over_one_connection_and_each_mail_once(transactional_db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    tasks_started = []
    monkeypatch.setattr(tasks.send_mails, "delay", lambda ids: tasks_started.append(ids))
    monkeypatch.setattr(tasks.send_mail, "delay", lambda mail_id: tasks_started.append([mail_id]))
    with transaction.atomic():
        rows = mail.send_batch(_batch("a@example.se", "b@example.se", "c@example.se"))
    assert tasks_started == [[r.pk for r in rows]]

    from django.core.mail.backends.locmem import EmailBackend

    opened = []
    original_open = EmailBackend.open
    monkeypatch.setattr(EmailBackend, "open", lambda self: opened.append(self) or original_open(self))
    assert tasks.send_mails(tasks_started[0]) == 3
    assert len(opened) == 1  # one connection for the whole batch
    assert sorted(m.to[0] for m in outbox.outbox) == ["a@example.se", "b@example.se", "c@example.se"]

    with transaction.atomic():
        again = mail.send_batch(_batch("a@example.se", "d@example.se"))
    assert tasks_started[1] == [again[1].pk]  # the key used before is left out
    assert again[0].pk == rows[0].pk


def test_a_refused_address_in_a_batch_does_not_stop_the_others(db, monkeypatch):
    original = outbox.EmailMultiAlternatives.send

    def send(self, fail_silently=False):
        if self.to == ["b@example.se"]:
            raise ConnectionRefusedError("refused")
        return original(self, fail_silently)

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", send)
    mail.send_batch(_batch("a@example.se", "b@example.se", "c@example.se"))
    assert [m.to[0] for m in outbox.outbox] == ["a@example.se", "c@example.se"]
    refused = Mail.objects.get(status=Mail.Status.QUEUED)
    assert (refused.to, refused.error) == (["b@example.se"], "refused")
