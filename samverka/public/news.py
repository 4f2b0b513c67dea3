"""News: writing, starting from a record, publishing, and what the public may read.

A communicator (an editor of the place) writes a draft, or starts one from a follow-up, a verdict, an
activity's change or an adopted lägesbild, whose text pre-fills the draft; an editor publishes it. Only a
published item is ever public: its page, the feed, the embeddable list, its image and the subscribers'
e-mail all read `published_news`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.activities.models import Activity
from samverka.core import permissions
from samverka.core.models import Collaboration, Municipality, owner_fields
from samverka.core.permissions import Action, get_for_user
from samverka.core.smallnumbers import is_small
from samverka.promises.models import FollowUp, Verdict
from samverka.public import subscriptions
from samverka.public.images import clean_image
from samverka.public.models import NewsItem, NewsSource, NewsState
from samverka.situation.models import SituationReport


def public_owner(slug: str):
    """The municipality or, failing that, the collaboration with this slug, for the public pages (404)."""
    place = Municipality.objects.filter(slug=slug).first() or Collaboration.objects.filter(slug=slug).first()
    if place is None:
        raise Http404
    return place


def published_news(place) -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(**owner_fields(place), state=NewsState.PUBLISHED).order_by(
        "-published_at", "-created_at"
    )


def staff_news(place) -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(**owner_fields(place)).order_by("state", "-published_at", "-created_at")


# Addresses under nyheter/ that are not news items.
RESERVED_SLUGS = {"inbaddning"}


def _unique_slug(place, title: str, exclude=None) -> str:
    base = slugify(title)[:70].strip("-") or "nyhet"
    taken = RESERVED_SLUGS | set(
        NewsItem.objects.filter(**owner_fields(place), slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_image(fields: dict) -> None:
    """A new image must come with its description; the image is replaced by a cleaned copy."""
    image = fields.get("image")
    if image and not hasattr(image, "_committed"):  # a form's UploadedFile, not the stored FieldFile
        try:
            fields["image"] = clean_image(image)
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc


def _validate(item: NewsItem) -> None:
    if not item.title.strip():
        raise ValidationError({"title": _("Give the news item a title.")})
    if item.image and not item.image_alt.strip():
        raise ValidationError({"image_alt": _("Describe the image for those who cannot see it.")})
    item.full_clean(exclude=["slug"])


@transaction.atomic
def news_create(
    *,
    user,
    place,
    title: str,
    summary: str = "",
    body: str = "",
    image=None,
    image_alt: str = "",
    source_kind: str = "",
    source_id=None,
) -> NewsItem:
    permissions.require(user, Action.EDIT, place)
    fields = {"image": image}
    _check_image(fields)
    item = NewsItem(
        title=title,
        summary=summary,
        body=body,
        image_alt=image_alt,
        source_kind=source_kind,
        source_id=source_id,
        created_by=user,
        **owner_fields(place),
    )
    if fields["image"]:
        item.image = fields["image"]
    _validate(item)
    item.slug = _unique_slug(place, title)
    item.save()
    return item


@transaction.atomic
def news_update(*, user, item: NewsItem, remove_image: bool = False, **fields) -> NewsItem:
    permissions.require(user, Action.EDIT, item)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    _check_image(fields)
    image = fields.pop("image", None)
    for name, value in fields.items():
        setattr(item, name, value)
    if image:
        item.image = image
    elif remove_image:
        item.image = ""
    _validate(item)
    item.save()
    return item


@transaction.atomic
def news_publish(*, user, item: NewsItem) -> NewsItem:
    """Draft → published, by an editor of the place; the subscribers' mail goes out after the commit."""
    permissions.require(user, Action.EDIT, item)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.state == NewsState.PUBLISHED:
        raise ValidationError(_("The news item is already published."))
    _validate(item)
    item.state = NewsState.PUBLISHED
    item.published_at = timezone.now()
    item.published_by = user
    item.save(update_fields=["state", "published_at", "published_by", "updated_at"])
    subscriptions.schedule_news(item)
    return item


# --- Starting from a record ---------------------------------------------------------------------------


def _date(day: datetime.date | None) -> str:
    return date_format(day, "j F Y") if day else ""


def _from_verdict(verdict: Verdict) -> dict:
    commitment = verdict.commitment
    promise = commitment.promise or commitment.plan
    return {
        "title": _("%(parent)s: %(verdict)s")
        % {"parent": promise.title, "verdict": verdict.get_value_display()},
        "summary": _("The promise “%(text)s” was judged: %(verdict)s.")
        % {"text": commitment.text[:160], "verdict": verdict.get_value_display().lower()},
        "body": f"{commitment.text}\n\n{verdict.explanation}",
    }


def _from_follow_up(follow_up: FollowUp) -> dict:
    commitment = follow_up.commitment
    parent = commitment.promise or commitment.plan
    body = follow_up.description
    # Counts of people below five are never published as numbers.
    if follow_up.participants and not is_small(follow_up.participants):
        body += "\n\n" + _("%(count)s people took part.") % {"count": follow_up.participants}
    return {
        "title": parent.title,
        "summary": _("%(date)s: %(text)s")
        % {"date": _date(follow_up.date), "text": follow_up.description[:200]},
        "body": f"{body}\n\n{commitment.text}",
    }


def _from_activity(activity: Activity) -> dict:
    return {
        "title": _("%(activity)s: %(status)s")
        % {"activity": activity.title, "status": activity.get_status_display().lower()},
        "summary": activity.summary,
        "body": (
            _("Since %(date)s the activity is %(status)s.")
            % {"date": _date(activity.status_since), "status": activity.get_status_display().lower()}
            if activity.status_since
            else _("The activity is %(status)s.") % {"status": activity.get_status_display().lower()}
        )
        + ("\n\n" + activity.description if activity.description else ""),
    }


def _from_situation(report: SituationReport) -> dict:
    return {
        "title": _("New lägesbild adopted: %(title)s") % {"title": report.title},
        "summary": _("The lägesbild for %(period)s was adopted on %(date)s.")
        % {"period": report.period, "date": _date(report.adopted_at)},
        "body": report.public_summary,
    }


SOURCES = {
    NewsSource.VERDICT: (
        Verdict.objects.select_related("commitment__promise", "commitment__plan"),
        _from_verdict,
    ),
    NewsSource.FOLLOW_UP: (
        FollowUp.objects.select_related("commitment__promise", "commitment__plan"),
        _from_follow_up,
    ),
    NewsSource.ACTIVITY: (Activity.objects.all(), _from_activity),
    NewsSource.SITUATION: (
        SituationReport.objects.filter(status=SituationReport.Status.ADOPTED),
        _from_situation,
    ),
}


def prefill(user, place, kind: str, pk) -> dict:
    """The draft's initial title, introduction and text from a record `user` may see in `place` (404
    for any other record)."""
    if kind not in SOURCES:
        raise Http404
    queryset, texts = SOURCES[NewsSource(kind)]
    record = get_for_user(user, queryset.filter(**owner_fields(place)), Action.VIEW, pk=pk)
    return {**texts(record), "source_kind": kind, "source_id": record.pk}


def source_choices(place, limit: int = 8) -> list[dict]:
    """Recent records of `place` a news item can start from, newest first, per kind."""
    own = owner_fields(place)
    verdicts = (
        Verdict.objects.filter(**own)
        .select_related("commitment__promise", "commitment__plan")
        .order_by("-confirmed_at")[:limit]
    )
    follow_ups = (
        FollowUp.objects.filter(**own)
        .select_related("commitment__promise", "commitment__plan")
        .order_by("-date", "-reported_at")[:limit]
    )
    activities = Activity.objects.filter(**own, status_since__isnull=False).order_by("-status_since")[:limit]
    reports = SituationReport.objects.filter(**own, status=SituationReport.Status.ADOPTED).order_by(
        "-adopted_at"
    )[:limit]
    return [
        {
            "kind": NewsSource.VERDICT,
            "rows": [
                {
                    "pk": v.pk,
                    "label": f"{(v.commitment.promise or v.commitment.plan).title} – "
                    f"{v.commitment.text[:90]}: {v.get_value_display()}",
                }
                for v in verdicts
            ],
        },
        {
            "kind": NewsSource.FOLLOW_UP,
            "rows": [
                {"pk": f.pk, "label": f"{date_format(f.date, 'j F Y')}: {f.description[:110]}"}
                for f in follow_ups
            ],
        },
        {
            "kind": NewsSource.ACTIVITY,
            "rows": [
                {
                    "pk": a.pk,
                    "label": f"{a.title}: {a.get_status_display()} ({date_format(a.status_since, 'j F Y')})",
                }
                for a in activities
            ],
        },
        {
            "kind": NewsSource.SITUATION,
            "rows": [{"pk": r.pk, "label": f"{r.title} ({r.period})"} for r in reports],
        },
    ]
