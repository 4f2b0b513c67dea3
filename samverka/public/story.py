"""The public front page of a municipality or a collaboration: the story at a glance.

Promises in force with their status in words and a bar, the latest things done, news, the lägesbild's
main message with a few key indicators and their trend, the readiness stage where published, and a role
contact. Everything is read from the apps' public selectors: nothing internal reaches this page.
"""

import datetime
import re

from django.db.models import Q
from django.utils import timezone, translation

from samverka.activities.models import Activity, Status
from samverka.core.models import Collaboration, Municipality, Organisation, owner_fields
from samverka.promises import selectors as promise_selectors
from samverka.promises.models import FollowUp, Promise, PromiseState
from samverka.promises.reports import status_label
from samverka.public.news import published_news
from samverka.readiness import scoring
from samverka.readiness import selectors as readiness_selectors
from samverka.readiness.models import Assessment
from samverka.situation import selectors as situation_selectors
from samverka.situation.models import SituationReport

KEY_INDICATORS = 3
LATEST_DONE = 6


def _own_q(place, prefix: str = "") -> Q:
    """A municipality's own records and its collaborations'; a collaboration's own only."""
    if isinstance(place, Municipality):
        return promise_selectors.place_q(place, prefix)
    return Q(**{f"{prefix}collaboration": place})


def promises_in_force(place, today: datetime.date) -> list:
    promises = (
        Promise.objects.filter(_own_q(place), promise_selectors.public_promise_q())
        .exclude(state=PromiseState.CONCLUDED)
        .select_related("police_area", "municipality", "collaboration")
        # each commitment's target and follow-ups in a few queries, whatever the number of commitments
        .prefetch_related(promise_selectors.commitments_prefetch())
        .distinct()
        .order_by("-start", "title")
    )
    result = []
    for promise in promises:
        version = promise_selectors.public_version(promise, today)
        for c in version.rows:
            c.status_words = status_label(c.computed.status) if c.computed else ""
        result.append(version)
    return result


def latest_done(place, today: datetime.date) -> list[dict]:
    """Follow-ups on public promises and activities started or resumed, newest first, with dates."""
    follow_ups = (
        FollowUp.objects.filter(
            _own_q(place, "commitment__promise__"),
            commitment__promise__state__in=promise_selectors.PUBLIC_STATES,
            date__lte=today,
        )
        .select_related("commitment__promise")
        .distinct()
        .order_by("-date", "-reported_at")[:LATEST_DONE]
    )
    activities = Activity.objects.filter(
        **({"municipality": place} if isinstance(place, Municipality) else owner_fields(place)),
        published=True,
        status=Status.ACTIVE,
        status_since__isnull=False,
        status_since__lte=today,
    ).order_by("-status_since")[:LATEST_DONE]
    rows = [
        {"date": f.date, "text": f.description, "about": f.commitment.promise.title, "kind": "follow_up"}
        for f in follow_ups
    ] + [
        {"date": a.status_since, "text": a.title, "about": a.summary, "kind": "activity"} for a in activities
    ]
    rows.sort(key=lambda r: r["date"], reverse=True)
    return rows[:LATEST_DONE]


def main_message(markdown_text: str) -> str:
    """The first paragraph of the public summary, as plain text."""
    for paragraph in re.split(r"\n\s*\n", markdown_text or ""):
        text = re.sub(r"[#*_>`\[\]]", "", paragraph).strip()
        if text:
            return text
    return ""


def situation(place) -> dict | None:
    report = (
        SituationReport.objects.filter(**owner_fields(place), status=SituationReport.Status.ADOPTED)
        .order_by("-adopted_at", "-period")
        .first()
    )
    if report is None:
        return None
    places = situation_selectors.comparison_places(place)
    blocks = []
    for ri in report.report_indicators.select_related("indicator")[:KEY_INDICATORS]:
        block = situation_selectors.indicator_block(ri.indicator, place, places, ri.group, public=True)
        blocks.append(block)
    return {"report": report, "message": main_message(report.public_summary), "indicators": blocks}


def readiness(place) -> list[dict]:
    if not isinstance(place, Municipality):
        return []
    assessments = list(
        Assessment.objects.filter(municipality=place, published=True, completed=True).order_by("-created_at")[
            :3
        ]
    )
    results = readiness_selectors.results_of(assessments)
    rows = []
    for a in assessments:
        result, _why = results[a.pk]
        if result is not None:
            stage = result.overall.stage
            name = scoring.stage_name(stage, (translation.get_language() or "sv")[:2])
            rows.append({"assessment": a, "stage": stage, "stage_name": name})
    return rows


def contacts(place) -> list[Organisation]:
    """Role addresses and phone numbers of the municipality's own administration (a collaboration: its
    municipalities'), never a person."""
    if isinstance(place, Collaboration):
        orgs = place.organisations.filter(kind=Organisation.Kind.MUNICIPALITY)
    else:
        orgs = Organisation.objects.filter(municipalities=place, kind=Organisation.Kind.MUNICIPALITY)
    return list(orgs.exclude(email="", phone="").order_by("name")[:4])


def story(place, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "promises": promises_in_force(place, today),
        "done": latest_done(place, today),
        "news": list(published_news(place)[:3]),
        "situation": situation(place),
        "readiness": readiness(place),
        "contacts": contacts(place),
        "is_collaboration": isinstance(place, Collaboration),
    }
