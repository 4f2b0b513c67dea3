"""Fixtures for the promises app: an active Arjeplog promise running this year and next."""

import datetime
from decimal import Decimal

import pytest

from samverka.core.permissions import forget_access
from samverka.promises import services
from samverka.promises.models import Party, Target


@pytest.fixture
def today(frozen_today):
    """Every promise test runs on one fixed day: progress, status and due dates depend on it."""
    return frozen_today


@pytest.fixture
def make_promise(places, users, today):
    """make_promise(state="active", owner=None, commitments=1) -> a promise of Arjeplog, made through the
    services the way people make one."""

    def make(state="active", owner=None, start=None, end=None, amount=1, unit=Target.Unit.YEAR):
        coordinator, police = users["coordinator"], users["police"]
        start = start or datetime.date(today.year, 1, 1)
        end = end or datetime.date(today.year + 1, 12, 31)
        promise = services.promise_create(
            user=coordinator,
            owner=owner or places["arjeplog"],
            police_area=places["orgs"]["lpo-pitea-alvdal"],
            title="Medborgarlöfte trygghet",
            start=start,
            end=end,
        )
        services.commitment_save(
            user=coordinator,
            parent=promise,
            text="Polis och socialtjänst fortbildar föräldrar, elever och personal en gång per år.",
            target={"kind": Target.Kind.COUNT, "amount": Decimal(amount), "unit": unit},
            responsible=[places["orgs"]["lpo-pitea-alvdal"], places["orgs"]["arjeplog-socialtjansten"]],
        )
        if state in ("awaiting_signoff", "active"):
            services.promise_submit(user=coordinator, promise=promise)
        if state == "active":
            services.promise_approve(user=coordinator, promise=promise, party=Party.MUNICIPALITY)
            services.promise_approve(user=police, promise=promise, party=Party.POLICE)
        for u in users.values():
            if u.is_authenticated:
                forget_access(u)
        promise.refresh_from_db()
        return promise

    return make


@pytest.fixture
def active_promise(make_promise):
    return make_promise("active")
