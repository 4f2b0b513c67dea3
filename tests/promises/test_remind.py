"""`samverka remind`: each reminder once per commitment and due date, to the responsible party."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

from samverka.promises import services
from samverka.promises.models import Reminder


def remind(*args):
    out = io.StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_running_remind_twice_sends_each_reminder_once(active_promise, places, today):
    police = places["orgs"]["lpo-pitea-alvdal"]
    police.email = "pitea-alvdal@polisen.example"
    police.save()
    due = datetime.date(today.year, 12, 31)
    day = (due - datetime.timedelta(days=7)).isoformat()
    remind("--today", day)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "pitea-alvdal@polisen.example" in message.to
    assert "Medborgarlöfte trygghet" in message.subject
    assert f"/loften/atagande/{active_promise.commitments.get().pk}/uppfoljning/" in message.body
    assert "Senast: " + due.isoformat() in message.body
    remind("--today", day)
    assert len(mail.outbox) == 1
    assert Reminder.objects.filter(due=due).count() == 1


def test_the_overdue_reminder_is_not_sent_again_for_the_same_due_date(active_promise, today):
    due = datetime.date(today.year, 12, 31)
    remind("--today", (due - datetime.timedelta(days=3)).isoformat())
    remind("--today", (due + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 1


def test_without_a_role_address_the_editors_of_the_responsible_organisation_are_reminded(
    active_promise, users, today
):
    due = datetime.date(today.year, 12, 31)
    remind("--today", (due - datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 1
    assert users["police"].email in mail.outbox[0].to
    assert users["coordinator"].email not in mail.outbox[0].to  # not in a responsible organisation


def test_nothing_is_sent_when_the_period_is_already_done_or_not_yet_near(active_promise, users, today):
    due = datetime.date(today.year, 12, 31)
    remind("--today", (due - datetime.timedelta(days=60)).isoformat())
    assert mail.outbox == []
    services.follow_up_create(
        user=users["police"],
        commitment=active_promise.commitments.get(),
        date=today,
        description="Gjort",
        amount=1,
    )
    remind("--today", (due - datetime.timedelta(days=3)).isoformat())
    assert mail.outbox == []


def test_a_dry_run_sends_and_records_nothing(active_promise, today):
    out = remind("--dry-run", "--today", datetime.date(today.year, 12, 30).isoformat())
    assert "would remind" in out
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_drafts_and_concluded_promises_get_no_reminders(make_promise, today):
    make_promise("draft")
    make_promise("awaiting_signoff")
    remind("--today", datetime.date(today.year, 12, 30).isoformat())
    assert mail.outbox == []


def test_a_bad_date_is_refused_with_a_clear_message(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        remind("--today", "igår")


def test_the_scheduled_task_sends_each_reminder_once_through_a_mail_row(
    active_promise, places, today, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    from samverka.jobs import tasks
    from samverka.jobs.models import Mail

    places["orgs"]["lpo-pitea-alvdal"].email = "pitea-alvdal@polisen.example"
    places["orgs"]["lpo-pitea-alvdal"].save()
    due = datetime.date(today.year, 12, 31)
    day = (due - datetime.timedelta(days=7)).isoformat()

    def refuse(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    tasks.remind(day)  # the mail server refuses: the reminder is recorded, its mail waits
    queued = Mail.objects.get()
    assert (queued.status, queued.to) == (Mail.Status.QUEUED, ["pitea-alvdal@polisen.example"])
    assert queued.key == f"reminder:{active_promise.commitments.get().pk}:{due.isoformat()}"
    monkeypatch.undo()
    tasks.remind(day)  # the next run (no broker: no schedule) sends the waiting mail, and nothing twice
    tasks.remind(day)
    assert len(mail.outbox) == 1 and "Medborgarlöfte trygghet" in mail.outbox[0].subject
    assert Mail.objects.get().status == Mail.Status.SENT
    assert Reminder.objects.filter(due=due).count() == 1
