"""The public annual calendar: the årshjul's public events as iCalendar, for a calendar program to
subscribe to without logging in."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from samverka.core.models import Collaboration, Municipality
from samverka.meetings import calendar, selectors


def _place(slug):
    place = Municipality.objects.filter(slug=slug).first() or Collaboration.objects.filter(slug=slug).first()
    if place is None:
        raise Http404
    return place


def annual_calendar_ics(request, slug):
    place = _place(slug)
    body = calendar.annual_calendar(
        _("Annual calendar – %(place)s") % {"place": place.name},
        selectors.public_annual_events_of(place),
        settings.SITE_URL,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="arshjul-{place.slug}.ics"'
    return response
