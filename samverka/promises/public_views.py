"""What residents see under /p/<slug>/: active and concluded promises, published plans, an Atom feed
of follow-ups, an iCalendar feed of due follow-ups and planned events, and embeddable versions."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from icalendar import Calendar, Event

from samverka.core.files import file_response
from samverka.core.permissions import public_place
from samverka.promises import progress as core
from samverka.promises import selectors
from samverka.promises.reports import status_label


def _listing(place):
    today = timezone.localdate()
    promises = [selectors.public_version(p, today) for p in selectors.public_promises(place)]
    plans = list(selectors.public_plans(place))
    for p in plans:
        p.rows = selectors.with_progress(p.measures.all(), today)
    return {"municipality": place, "promises": promises, "plans": plans, "today": today}


def promise_list(request, slug):
    return render(request, "promises/public/list.html", _listing(public_place(slug)))


@xframe_options_exempt
def embed(request, slug):
    """The list as a page without the site's header and footer, for an <iframe> on the municipality's site."""
    return render(request, "promises/public/embed.html", _listing(public_place(slug)))


@xframe_options_exempt
def fragment(request, slug):
    """The list as a bare HTML fragment, for a site that includes it server-side."""
    return render(request, "promises/public/_list.html", {**_listing(public_place(slug)), "fragment": True})


def promise_detail(request, slug, pk, template="promises/public/detail.html"):
    place = public_place(slug)
    promise = selectors.public_version(get_object_or_404(selectors.public_promises(place), pk=pk))
    rows = promise.rows
    timeline = sorted(
        ((f, c) for c in rows for f in c.follow_ups.all()),
        key=lambda pair: (pair[0].date, pair[0].reported_at),
        reverse=True,
    )
    return render(
        request,
        template,
        {"municipality": place, "promise": promise, "rows": rows, "timeline": timeline},
    )


@xframe_options_exempt
def promise_embed(request, slug, pk):
    """One promise without the site's header and footer, for an <iframe>."""
    return promise_detail(request, slug, pk, template="promises/public/embed_detail.html")


def evidence(request, slug, pk):
    """A follow-up's attachment, to anyone once its promise or plan is public."""
    follow_up = selectors.public_evidence(public_place(slug), pk)
    if follow_up is None:
        raise Http404
    return file_response(
        follow_up.evidence_file, filename=selectors.evidence_filename(follow_up), public=True
    )


def plan_detail(request, slug, pk):
    place = public_place(slug)
    plan = get_object_or_404(selectors.public_plans(place), pk=pk)
    rows = selectors.with_progress(plan.measures.all())
    for c in rows:
        c.public_activities = [a for a in c.activities.all() if a.published]  # never an unpublished one
    return render(request, "promises/public/plan.html", {"municipality": place, "plan": plan, "rows": rows})


def atom_feed(request, slug):
    place = public_place(slug)
    link = request.build_absolute_uri(reverse("public:promises_public:list", args=[place.slug]))
    feed = feedgenerator.Atom1Feed(
        title=_("Follow-up of the citizen promises in %(place)s") % {"place": place.name},
        link=link,
        description=_("What the municipality and the police have done to keep their promises."),
        language="sv",
        feed_url=request.build_absolute_uri(),
        feed_guid=f"urn:samverka:promises:{place.slug}",
    )
    for f in selectors.public_follow_ups(place):
        promise = f.commitment.promise
        url = request.build_absolute_uri(
            reverse("public:promises_public:promise", args=[place.slug, promise.pk])
        )
        stamp = datetime.datetime.combine(f.date, datetime.time(12), tzinfo=datetime.UTC)
        feed.add_item(
            title=f"{f.date:%Y-%m-%d}: {f.commitment.text[:90]}",
            link=f"{url}#uppfoljning-{f.pk}",
            description=f.description,
            unique_id=f"urn:uuid:{f.pk}",
            pubdate=stamp,
            updateddate=f.reported_at or stamp,
            author_name=str(f.reported_for) if f.reported_for else place.name,
            categories=[promise.title],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def calendar_feed(request, slug):
    """Due follow-ups and planned events of active promises and adopted plans (RFC 5545, icalendar)."""
    place = public_place(slug)
    cal = Calendar()
    cal.add("prodid", "-//Samverka//medborgarloften//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Citizen promises in %(place)s") % {"place": place.name})
    now = timezone.now()
    today = timezone.localdate()
    for c in selectors.public_commitments(place):
        parent = c.promise or c.plan
        url = request.build_absolute_uri(
            reverse("public:promises_public:promise", args=[place.slug, parent.pk])
            if c.promise_id
            else reverse("public:promises_public:plan", args=[place.slug, parent.pk])
        )
        for event in [*_due_events(c, parent, today), *_planned_events(c, parent)]:
            event.add("dtstamp", now)
            event.add("url", url)
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="kalender-{place.slug}.ics"'
    return response


def _due_events(c, parent, today):
    """A commitment's follow-up due dates from a year ago on, with its status today."""
    target = getattr(c, "target", None)
    if target is None:
        return
    spec = target.spec()
    result = c.progress(today, follow_ups=list(c.follow_ups.all()))
    for due in core.due_dates(spec):
        if due < today - datetime.timedelta(days=366):
            continue
        event = Event()
        event.add("uid", f"due-{c.pk}-{due:%Y%m%d}@samverka")
        event.add("dtstart", due)
        event.add("dtend", due + datetime.timedelta(days=1))
        event.add("summary", _("Follow-up due: %(text)s") % {"text": c.text[:120]})
        event.add(
            "description",
            f"{parent.title}. {_('Target')}: {target.describe()}. {_('Status')}: {status_label(result.status)}.",
        )
        yield event


def _planned_events(c, parent):
    for planned in c.planned_events.all():
        event = Event()
        event.add("uid", f"event-{planned.pk}@samverka")
        event.add("dtstart", planned.date)
        event.add("dtend", planned.date + datetime.timedelta(days=1))
        event.add("summary", planned.title)
        if planned.place:
            event.add("location", planned.place)
        event.add("description", f"{parent.title}: {c.text}")
        yield event
