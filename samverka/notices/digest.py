"""The digest e-mail: each person's unread notifications that no digest has told them yet, each thing once.

A `DigestEntry` per person and thing is written in the same transaction as the mail's row
(`samverka.jobs.mail`); a thing already told is left out of later digests, so running `samverka notify`
twice sends nothing new. All the digests of a run go as one batch (one task, one connection); a refused
address stays queued and is retried, it does not stop the others."""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core.models import Membership
from samverka.jobs import mail
from samverka.notices import inbox
from samverka.notices.models import DigestEntry, DigestPreference


def _recipients(today: datetime.date):
    """Members with an address who want a digest today (weekly: on Mondays)."""
    user_ids = Membership.objects.values_list("user_id", flat=True).distinct()
    skip = [DigestPreference.Frequency.OFF]
    if today.weekday() != 0:
        skip.append(DigestPreference.Frequency.WEEKLY)
    not_today = DigestPreference.objects.filter(frequency__in=skip).values_list("user_id", flat=True)
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(pk__in=not_today)
        .order_by("pk")
    )


@transaction.atomic
def send_digests(today: datetime.date | None = None) -> int:
    """Send each person one mail listing what is new for them; returns how many mails were written."""
    today = today or timezone.localdate()
    messages = [m for user in _recipients(today).iterator(chunk_size=200) if (m := _digest_for(user, today))]
    mail.send_batch(messages)
    return len(messages)


def _digest_for(user, today) -> mail.Message | None:
    inbox.sync(user, today)
    notices = list(inbox.unread(user).order_by("created_at", "key"))
    told = set(
        DigestEntry.objects.filter(user=user, key__in=[n.key for n in notices]).values_list("key", flat=True)
    )
    new = [n for n in notices if n.key not in told]
    if not new:
        return None
    DigestEntry.objects.bulk_create([DigestEntry(user=user, key=n.key) for n in new], ignore_conflicts=True)
    with translation.override("sv"):
        subject = _("Samverka: what awaits you")
        body = render_to_string(
            "notices/digest.txt",
            {"user": user, "notices": new, "site_url": settings.SITE_URL.rstrip("/")},
        )
    # The key names the things told, so the same things are never mailed twice to the same person.
    things = hashlib.sha256("\n".join(sorted(n.key for n in new)).encode()).hexdigest()[:24]
    return mail.Message(key=f"digest:{user.pk}:{today}:{things}", to=[user.email], subject=subject, body=body)
