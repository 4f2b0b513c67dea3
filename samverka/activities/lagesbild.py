"""The activity catalogue's part of the lägesbild (the gap view) and its key events on indicator charts.

The public version counts only published activities, and only published activities mark charts there.
"""

from django.utils.translation import gettext, gettext_lazy

from samverka.activities import selectors
from samverka.activities.models import Activity, Status
from samverka.core.models import Municipality

TITLE = gettext_lazy("Activity coverage")


def report_context(report, public: bool, marks=None) -> dict | None:
    """The gap view of the plan (selectors.gap_view), with `marks` (the lägesbild's own prioritised
    problems, as gaps.Mark) marked in it."""
    municipality = report.municipality
    if municipality is None:  # a collaboration's lägesbild: each municipality keeps its own catalogue
        return None
    activities = Activity.objects.filter(municipality=municipality)
    if public:
        activities = activities.filter(published=True)
    if not activities.exists():
        return None
    view = selectors.gap_view(municipality, published_only=public, marks=marks)
    return {"municipality": municipality, "public": public, **view}


def key_events(owner, public: bool) -> list:
    """(date, label) for each activity started (status active since a date) in the municipality."""
    if not isinstance(owner, Municipality):
        return []
    qs = Activity.objects.filter(municipality=owner, status=Status.ACTIVE, status_since__isnull=False)
    if public:
        qs = qs.filter(published=True)
    return [
        (since, gettext("Started: %(title)s") % {"title": title})
        for since, title in qs.order_by("status_since").values_list("status_since", "title")
    ]
