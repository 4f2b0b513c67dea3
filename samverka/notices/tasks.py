from celery import shared_task


@shared_task(name="samverka.notices.notify")
def notify() -> int:
    # Each thing is told to a person once (DigestEntry), so a repeated or retried run sends nothing twice.
    from samverka.notices.digest import send_digests

    return send_digests()
