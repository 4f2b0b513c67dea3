"""Celery tasks of the public app: the nightly open-data build, and mail to subscribers (each task takes an
id where it has one, and running it twice sends nothing twice)."""

from celery import shared_task

from samverka.public import opendata


@shared_task(name="samverka.public.build_opendata")
def build_opendata() -> dict[str, int]:
    # Writes the same two files each time: a retried or doubled run is harmless.
    return opendata.build_national()


@shared_task(name="samverka.public.send_news")
def send_news(news_id: str) -> int:
    from samverka.public import subscriptions

    return subscriptions.send_news(news_id)


@shared_task(name="samverka.public.send_confirmation")
def send_confirmation(subscription_id: str) -> None:
    from samverka.public import subscriptions

    subscriptions.send_confirmation(subscription_id)


@shared_task(name="samverka.public.prune_unconfirmed")
def prune_unconfirmed() -> int:
    from samverka.public import subscriptions

    return subscriptions.prune_unconfirmed()


@shared_task(name="samverka.public.send_promise_updates")
def send_promise_updates() -> int:
    # Each follow-up or verdict is mailed to a subscriber once (the mail key), so running every hour is safe.
    from samverka.public import subscriptions

    return subscriptions.send_promise_updates()
