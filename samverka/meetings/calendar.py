"""The årshjul as iCalendar (RFC 5545) through the `icalendar` package: one yearly recurring event each."""

import datetime

from icalendar import Calendar, Event


def annual_calendar(name: str, events, site_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Samverka//årshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", f"{item.pk}@samverka")
        event.add("summary", item.title)
        event.add("dtstart", datetime.date(item.first_year, item.month, item.day))
        event.add("dtend", datetime.date(item.first_year, item.month, item.day) + datetime.timedelta(days=1))
        event.add("rrule", {"freq": "yearly"})
        event.add("categories", [item.get_kind_display()])
        event.add("dtstamp", datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        if item.description:
            event.add("description", item.description)
        calendar.add_component(event)
    return calendar.to_ical()
