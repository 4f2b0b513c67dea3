"""The schedule in settings names real tasks, and the scheduled jobs are safe to run twice."""

from django.conf import settings

from samverka.celery import app


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "samverka.jobs.requeue_stale",
        "samverka.jobs.remind",
        "samverka.jobs.fetch_kolada",
        "samverka.public.build_opendata",
        "samverka.public.send_promise_updates",
        "samverka.public.prune_unconfirmed",
        "samverka.notices.notify",
    }
    assert scheduled <= set(app.tasks)
    assert "samverka.jobs.send_mail" in app.tasks and "samverka.jobs.run" in app.tasks


def test_without_a_broker_jobs_run_in_the_process():
    # The one-command start (scripts/start.sh) sets no CELERY_BROKER_URL.
    assert settings.CELERY_BROKER_URL == ""
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
