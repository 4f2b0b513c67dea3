"""Residents' e-mail subscriptions: double opt-in, one-click unsubscribe, each mail sent once.

Only the address, the choices and the consent time are stored. An unconfirmed address gets the
confirmation mail and nothing else, and is removed after UNCONFIRMED_DAYS. Every mail carries an
unsubscribe link and the List-Unsubscribe headers (RFC 2369, RFC 8058). Every mail goes through
`samverka.jobs.mail.send_batch`: a key per thing and subscription (`subscriber:<thing>:<subscription>`) makes
each mail once, one task sends a batch over one connection, and a refused address is retried later.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core.models import owner_fields
from samverka.jobs import mail
from samverka.promises import selectors as promise_selectors
from samverka.promises.models import FollowUp, Verdict
from samverka.public.models import NewsItem, NewsState, Subscription, new_token

CONFIRM_DAYS = 7  # the confirmation link works this long
UNCONFIRMED_DAYS = 30  # an address never confirmed is removed after this long
RESEND_MINUTES = 10  # asking again sooner sends no second confirmation


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class LinkProblem(Exception):
    """A confirmation or unsubscribe link that cannot be used; the message says why."""


def _owner_slug(subscription_or_item) -> str:
    return subscription_or_item.owner.slug


@transaction.atomic
def subscribe(*, place, email: str, news: bool, promise_updates: bool) -> Subscription | None:
    """Record the wish and send the confirmation mail. An address already confirmed is left as it is and
    gets no mail (the page says the same either way, so it reveals nobody's subscription)."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    if not (news or promise_updates):
        raise ValidationError(_("Choose news, promise updates or both."))
    existing = Subscription.objects.filter(**owner_fields(place), email__iexact=email).first()
    if existing is not None and existing.confirmed_at is not None:
        return None
    if existing is not None and existing.created_at > timezone.now() - datetime.timedelta(
        minutes=RESEND_MINUTES
    ):
        return None  # a confirmation went out a moment ago: the form cannot be used to flood an inbox
    if existing is None:
        subscription = Subscription(
            email=email, news=news, promise_updates=promise_updates, **owner_fields(place)
        )
    else:  # asked again before confirming: a new link, a new consent period
        subscription = existing
        subscription.news, subscription.promise_updates = news, promise_updates
        subscription.confirm_token = new_token()
        subscription.created_at = timezone.now()
    subscription.full_clean(exclude=["confirm_token", "unsubscribe_token"])
    subscription.save()
    from samverka.public import tasks

    transaction.on_commit(lambda: tasks.send_confirmation.delay(str(subscription.pk)))
    return subscription


@transaction.atomic
def confirm(*, token: str, now: datetime.datetime | None = None) -> Subscription:
    now = now or timezone.now()
    subscription = Subscription.objects.select_for_update().filter(confirm_token=token).first()
    if subscription is None:
        raise LinkProblem(_("This confirmation link is not valid. Subscribe again to get a new one."))
    if subscription.confirmed_at is not None:
        raise LinkProblem(_("This link has already been used: your subscription is confirmed."))
    if subscription.created_at < now - datetime.timedelta(days=CONFIRM_DAYS):
        raise LinkProblem(_("This confirmation link has expired. Subscribe again to get a new one."))
    subscription.confirmed_at = now
    subscription.save(update_fields=["confirmed_at"])
    return subscription


def find_for_unsubscribe(token: str) -> Subscription:
    subscription = Subscription.objects.filter(unsubscribe_token=token).first()
    if subscription is None:
        raise LinkProblem(_("This address is no longer subscribed. Nothing more will be sent to it."))
    return subscription


@transaction.atomic
def unsubscribe(*, token: str) -> None:
    """Remove the subscription and everything stored with it."""
    find_for_unsubscribe(token).delete()


def prune_unconfirmed(now: datetime.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    count, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return count


# --- Mail ---------------------------------------------------------------------------------------------


def _message(
    subscription: Subscription, key: str, subject: str, template: str, context: dict, *, unsubscribe=True
) -> mail.Message:
    slug = _owner_slug(subscription)
    links = {}
    headers = {}
    if unsubscribe:
        links["unsubscribe_url"] = absolute(
            reverse("public:unsubscribe", args=[slug, subscription.unsubscribe_token])
        )
        headers["List-Unsubscribe"] = f"<{links['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with translation.override("sv"):
        body = render_to_string(template, {**context, **links, "place": subscription.owner})
    return mail.Message(key=key, to=[subscription.email], subject=subject, body=body, headers=headers)


def send_confirmation(subscription_id) -> None:
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    if subscription is None:
        return
    slug = _owner_slug(subscription)
    with translation.override("sv"):
        subject = _("Confirm your subscription to %(place)s") % {"place": subscription.owner}
    url = absolute(reverse("public:confirm", args=[slug, subscription.confirm_token]))
    mail.send_batch(
        [
            _message(
                subscription,
                f"subscriber:confirm:{subscription.pk}:{subscription.confirm_token}",
                subject,
                "public/email/confirm.txt",
                {"confirm_url": url, "days": CONFIRM_DAYS},
                unsubscribe=False,
            )
        ]
    )


def forget_mails(sender, instance: Subscription, **kwargs) -> None:
    """The mails to a subscription's address, deleted with it (a post_delete receiver)."""
    mail.forget("subscriber:", f":{instance.pk}")
    mail.forget(f"subscriber:confirm:{instance.pk}:")


def send_to_subscribers(
    place, key: str, subject: str, template: str, context: dict, *, want: str, confirmed_before=None
) -> int:
    """Mail every confirmed subscriber of `place` who wants `want` ("news" or "promise_updates") once;
    with `confirmed_before`, only those who had confirmed by then (nobody gets last month's news).
    Returns how many mails were written now (a subscriber already mailed about `key` is left out)."""
    subscriptions = Subscription.objects.filter(
        **owner_fields(place), confirmed_at__isnull=False, **{want: True}
    ).order_by("created_at")
    if confirmed_before is not None:
        subscriptions = subscriptions.filter(confirmed_at__lte=confirmed_before)
    written = 0
    batch = []
    for subscription in subscriptions.iterator(chunk_size=200):
        batch.append(
            _message(subscription, f"subscriber:{key}:{subscription.pk}", subject, template, context)
        )
        if len(batch) >= BATCH_SIZE:
            written += _send(batch)
            batch = []
    return written + _send(batch)


BATCH_SIZE = 100  # mails per task and connection


def _send(batch: list[mail.Message]) -> int:
    if not batch:
        return 0
    known = set(mail.Mail.objects.filter(key__in=[m.key for m in batch]).values_list("key", flat=True))
    mail.send_batch(batch)
    return len(batch) - len(known)


def schedule_news(item: NewsItem) -> None:
    from samverka.public import tasks

    transaction.on_commit(lambda: tasks.send_news.delay(str(item.pk)))


def send_news(news_id) -> int:
    try:
        item = NewsItem.objects.select_related("municipality", "collaboration").get(
            pk=uuid.UUID(str(news_id)), state=NewsState.PUBLISHED
        )
    except NewsItem.DoesNotExist:
        return 0  # a draft (or a deleted item) is never mailed
    place = item.owner
    url = absolute(reverse("public:news_detail", args=[place.slug, item.slug]))
    with translation.override("sv"):
        subject = _("News from %(place)s: %(title)s") % {"place": place, "title": item.title}
    return send_to_subscribers(
        place, f"news:{item.pk}", subject, "public/email/news.txt", {"item": item, "url": url}, want="news"
    )


UPDATE_WINDOW_DAYS = 7  # follow-ups and verdicts this recent are mailed (the task runs every hour)


def send_promise_updates(now: datetime.datetime | None = None) -> int:
    """Follow-ups and verdicts on public promises, recorded in the last week, to the subscribers of the
    promise's place who want promise updates and had confirmed by then; each once (the mail's key)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=UPDATE_WINDOW_DAYS)
    follow_ups = FollowUp.objects.filter(
        reported_at__gte=since, commitment__promise__state__in=promise_selectors.PUBLIC_STATES
    ).select_related("commitment__promise__municipality", "commitment__promise__collaboration")
    verdicts = Verdict.objects.filter(
        confirmed_at__gte=since, commitment__promise__state__in=promise_selectors.PUBLIC_STATES
    ).select_related("commitment__promise__municipality", "commitment__promise__collaboration")
    sent = 0
    for record, when, text in [
        *((f, f.reported_at, f"{_date_text(f.date)}: {f.description}") for f in follow_ups),
        *((v, v.confirmed_at, f"{v.get_value_display()}: {v.explanation}") for v in verdicts),
    ]:
        promise = record.commitment.promise
        for place in _places_of(promise):
            url = absolute(reverse("public:promises_public:promise", args=[place.slug, promise.pk]))
            with translation.override("sv"):
                subject = _("News about the citizen promise in %(place)s") % {"place": place}
                context = {"promise": promise, "commitment": record.commitment, "text": text, "url": url}
            sent += send_to_subscribers(
                place,
                f"{type(record).__name__.lower()}:{record.pk}",
                subject,
                "public/email/promise_update.txt",
                context,
                want="promise_updates",
                confirmed_before=when,
            )
    return sent


def _places_of(promise):
    """A municipality's promise goes to its subscribers; a collaboration's to the collaboration's and
    to those of each of its municipalities (whose pages show it too)."""
    if promise.municipality_id:
        return [promise.municipality]
    return [promise.collaboration, *promise.collaboration.municipalities.all()]


def _date_text(day) -> str:
    return f"{day:%Y-%m-%d}"
