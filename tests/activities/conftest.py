"""Fixtures of the catalogue tests: Arjeplog's demo catalogue and a factory for more activities."""

import itertools

import pytest

from samverka.activities import demo_data
from samverka.activities.models import Activity, Arena, Factor, Status, SubstanceArea


@pytest.fixture
def catalogue(places):
    """The source page's activities in Arjeplog (published), as `samverka demo` loads them."""
    demo_data.load()
    return {a.title: a for a in Activity.objects.filter(municipality=places["arjeplog"])}


_counter = itertools.count()


@pytest.fixture
def make_activity(places):
    """make_activity(municipality="arjeplog", **fields) -> a saved activity with one area and partner."""

    def make(municipality="arjeplog", areas=("alcohol",), factors=(), organisations=None, **fields):
        place = places[municipality]
        defaults = {
            "title": f"Aktivitet {next(_counter)}",
            "arena": Arena.SCHOOL,
            "status": Status.ACTIVE,
            "published": True,
        }
        activity = Activity.objects.create(municipality=place, **{**defaults, **fields})
        activity.substance_areas.set(SubstanceArea.objects.filter(code__in=areas))
        activity.factors.set(Factor.objects.filter(code__in=factors))
        if organisations is None:
            organisations = [o for o in places["orgs"].values() if place in o.municipalities.all()][:2]
        activity.organisations.set(organisations)
        return activity

    return make
