"""Nightly builds, run by Celery beat (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from samverka.public import opendata


@shared_task(name="samverka.public.build_opendata")
def build_opendata() -> dict[str, int]:
    # Writes the same two files each time: a retried or doubled run is harmless.
    return opendata.build_national()
