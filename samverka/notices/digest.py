"""The digest e-mail: what awaits each person that no digest has told them yet, each thing once.

A `DigestEntry` per person and thing is written in the same transaction as the mail is prepared; a
thing already told is left out of later digests, so running `samverka notify` twice sends nothing new."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core.mail import send_batch
from samverka.core.models import Membership
from samverka.notices.models import DigestEntry, DigestPreference
from samverka.notices.selectors import notices_for


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


def send_digests(today: datetime.date | None = None) -> int:
    """Send each person one mail listing what is new for them; returns how many mails were sent."""
    today = today or timezone.localdate()
    sent = 0
    for user in _recipients(today).iterator(chunk_size=200):
        sent += _send_one(user, today)
    return sent


def _send_one(user, today) -> int:
    with transaction.atomic():
        notices = notices_for(user, today)
        told = set(
            DigestEntry.objects.filter(user=user, key__in=[n.key for n in notices]).values_list(
                "key", flat=True
            )
        )
        new = [n for n in notices if n.key not in told]
        if not new:
            return 0
        DigestEntry.objects.bulk_create(
            [DigestEntry(user=user, key=n.key) for n in new], ignore_conflicts=True
        )
        with translation.override("sv"):
            subject = _("Samverka: what awaits you")
            body = render_to_string(
                "notices/digest.txt",
                {"user": user, "notices": new, "site_url": settings.SITE_URL.rstrip("/")},
            )
        message = EmailMultiAlternatives(subject, body, to=[user.email])
        (ok,) = send_batch([message])
        if not ok:
            # Not sent: forget the entries so that the next run tells these things again.
            transaction.set_rollback(True)
            return 0
    return 1
