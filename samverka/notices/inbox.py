"""Notifications kept with their read state: the inbox, the header count and the digest read them.

`sync` writes a `Notification` for every notice the one selector (`selectors.notices_for`) returns and
settles those that no longer wait (an approval given, an action item done, a score submitted) by marking
them read. A partner's new follow-up, note or count is an event: it stays unread until the person reads it.
"""

import datetime
import functools

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samverka.hosting import pagecache
from samverka.notices.models import Notification
from samverka.notices.selectors import notices_for, request_notices

# Kinds that say something still waits; when it no longer does, the notification is settled (read).
WAITING_KINDS = ("approval", "follow_up", "action_item", "score")


@transaction.atomic
def sync(user, today: datetime.date | None = None) -> None:
    # Read first and write only what differs: an inbox that is already in step writes nothing, so looking
    # at it moves no page's version (hosting/pagecache.py: any INSERT or UPDATE does, even of no row).
    notices = notices_for(user, today)
    keys = [n.key for n in notices]
    mine = Notification.objects.filter(user=user)
    known = set(mine.filter(key__in=keys).values_list("key", flat=True)) if keys else set()
    new = [
        Notification(
            user=user, key=n.key, kind=n.kind, text=n.text[:300], url=n.url, due=n.due, overdue=n.overdue
        )
        for n in notices
        if n.key not in known
    ]
    if new:
        Notification.objects.bulk_create(new, ignore_conflicts=True)
    overdue = [n.key for n in notices if n.overdue]
    late = mine.filter(key__in=overdue, overdue=False)
    if overdue and late.exists():  # an action item's key stays when its due date passes
        late.update(overdue=True)
    settled = mine.filter(read_at__isnull=True, kind__in=WAITING_KINDS).exclude(key__in=keys)
    if settled.exists():
        settled.update(read_at=timezone.now())


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True)


@transaction.atomic
def mark_read(user, notification_id=None) -> int:
    """Mark one of the person's own notifications (or, with no id, all of them) read."""
    notifications = unread(user)
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    return notifications.update(read_at=timezone.now())


def unread_count(user, today: datetime.date | None = None, notices: list | None = None) -> int:
    """What `sync` then `unread(user).count()` would give, without writing (every page's header asks):
    the current notices (`notices`, when the caller has them already) not marked read, plus events (a
    partner's record) still unread from before."""
    keys = {n.key for n in (notices_for(user, today) if notices is None else notices)}
    rows = Notification.objects.filter(user=user).filter(
        Q(key__in=keys, read_at__isnull=False)
        | (Q(read_at__isnull=True) & ~Q(kind__in=WAITING_KINDS) & ~Q(key__in=keys))
    )
    read_now, earlier_unread = 0, 0
    for read_at in rows.values_list("read_at", flat=True):
        if read_at is None:
            earlier_unread += 1
        else:
            read_now += 1
    return len(keys) - read_now + earlier_unread


def header_count(request) -> dict:
    """The unread count in the page header: a callable, so the template computes it only on a page that
    shows it, and once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def count() -> int:
        # Every staff page shows it, and at national scale the notices cost more than the rest of a page:
        # kept until any data changes (the page cache's generation), so a person's other pages reuse it.
        key = pagecache.fragment_key(request, f"notice-count:{user.pk}")
        number = cache.get(key) if key else None
        if number is None:
            number = unread_count(user, notices=request_notices(request))
            if key:
                cache.set(key, number, settings.PAGE_CACHE_SECONDS)
        return number

    return {"notice_count": count}
