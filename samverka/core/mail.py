"""The one way bulk mail (subscribers, digests) leaves Samverka: a batch of messages over one connection.

Kept in one function so that it can be routed elsewhere (a mail job, another backend) without touching
its callers. A failure for one address is logged and does not stop the others."""

import logging

from django.core.mail import EmailMultiAlternatives, get_connection

log = logging.getLogger(__name__)


def send_batch(messages: list[EmailMultiAlternatives]) -> list[bool]:
    """Send each message; returns, per message, whether it was accepted."""
    if not messages:
        return []
    results = []
    with get_connection() as connection:
        for message in messages:
            message.connection = connection
            try:
                results.append(message.send() == 1)
            except Exception:  # one bad address or a refused recipient must not stop the rest
                log.exception("mail to %s failed", ", ".join(message.to))
                results.append(False)
    return results
