"""Celery tasks: the one task that runs any job, and the scheduled ones (settings.CELERY_BEAT_SCHEDULE)."""

import datetime

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from samverka.jobs import mail, runner


@shared_task(name="samverka.jobs.run")
def run(job_id: str) -> None:
    runner.execute(job_id)


@shared_task(name="samverka.jobs.send_mail")
def send_mail(mail_id: int) -> bool:
    return mail.deliver(mail_id)


@shared_task(name="samverka.jobs.send_mails")
def send_mails(mail_ids: list) -> int:
    # A batch (subscribers, digests): one task, one connection; each mail is locked and marked sent on its
    # own, so a redelivered task sends nothing twice and one refused address does not stop the rest.
    return mail.deliver_many(mail_ids)


@shared_task(name="samverka.jobs.requeue_stale")
def requeue_stale() -> int:
    # Jobs and mails whose worker died (or whose mail server said no) are sent again.
    return runner.requeue_stale() + mail.retry_queued()


@shared_task(name="samverka.jobs.remind")
def remind(today: str | None = None) -> None:
    # Each commitment and due date is reminded at most once (a Reminder row is written before the mail),
    # so a repeated or retried run sends nothing twice.
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    call_command("remind", today=day.isoformat())


@shared_task(name="samverka.jobs.fetch_kolada")
def fetch_kolada() -> None:
    # Importing the same values again changes nothing (observations are keyed), so a retry is harmless.
    if not settings.KOLADA_SCHEDULE_KPIS or not settings.KOLADA_SCHEDULE_MUNICIPALITIES:
        return
    args = []
    for kpi in settings.KOLADA_SCHEDULE_KPIS:
        args += ["--kpi", kpi]
    for municipality in settings.KOLADA_SCHEDULE_MUNICIPALITIES:
        args += ["--municipality", municipality]
    call_command("fetch-kolada", *args, "--no-progress")
