"""Status per period: each year judged on its own, "Kommande" before the start, "Väntar på utvärdering"
after the end without verdicts, "Försenad" past a date. Boundaries with a frozen clock."""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.promises.progress import Entry, Kind, Phase, Status, TargetSpec, Unit, overdue, phase, progress

TWO_YEARS = TargetSpec(Kind.COUNT, date(2026, 1, 1), date(2027, 12, 31), amount=Decimal(1), unit=Unit.YEAR)
LEAP_YEAR = TargetSpec(Kind.COUNT, date(2024, 1, 1), date(2024, 12, 31), amount=Decimal(1), unit=Unit.YEAR)


def e(y, m, d):
    return Entry(date(y, m, d), Decimal(1))


def test_two_events_in_the_first_year_do_not_keep_the_second_year():
    both_in_2026 = [e(2026, 3, 1), e(2026, 10, 1)]
    in_2027 = progress(TWO_YEARS, both_in_2026, date(2027, 1, 1))
    assert in_2027.status == Status.ON_TRACK
    assert in_2027.achieved_so_far == 1
    assert [p.achieved for p in in_2027.periods] == [2, 0]
    assert progress(TWO_YEARS, both_in_2026, date(2027, 12, 31)).status == Status.ON_TRACK
    assert progress(TWO_YEARS, both_in_2026, date(2028, 1, 1)).status == Status.MISSED
    assert progress(TWO_YEARS, [*both_in_2026, e(2027, 12, 31)], date(2028, 1, 1)).status == Status.ACHIEVED


def test_the_first_and_last_day_of_each_year_of_the_period():
    assert progress(TWO_YEARS, [], date(2025, 12, 31)).status == Status.UPCOMING
    assert progress(TWO_YEARS, [], date(2026, 1, 1)).status == Status.NOT_STARTED
    assert progress(TWO_YEARS, [], date(2026, 12, 31)).status == Status.NOT_STARTED
    assert progress(TWO_YEARS, [], date(2027, 1, 1)).status == Status.OVERDUE
    first_day = progress(TWO_YEARS, [e(2026, 1, 1)], date(2027, 1, 1))
    assert first_day.status == Status.ON_TRACK
    last_day = progress(TWO_YEARS, [e(2026, 12, 31)], date(2027, 1, 1))
    assert last_day.status == Status.ON_TRACK
    assert progress(TWO_YEARS, [e(2025, 12, 31)], date(2027, 1, 1)).status == Status.OVERDUE


def test_leap_day_counts_for_its_year_and_the_year_ends_on_december_31():
    assert progress(LEAP_YEAR, [e(2024, 2, 29)], date(2025, 1, 1)).status == Status.ACHIEVED
    assert progress(LEAP_YEAR, [], date(2024, 12, 31)).status == Status.NOT_STARTED
    assert progress(LEAP_YEAR, [], date(2025, 1, 1)).status == Status.MISSED
    leap_start = TargetSpec(
        Kind.COUNT, date(2024, 2, 29), date(2026, 2, 27), amount=Decimal(1), unit=Unit.YEAR
    )
    assert progress(leap_start, [], date(2024, 2, 28)).status == Status.UPCOMING
    assert progress(leap_start, [e(2024, 2, 29)], date(2025, 2, 28)).status == Status.ON_TRACK


def test_phase_of_a_promise_at_its_boundaries():
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    assert phase(start, end, date(2026, 12, 31), verdicts_given=False) == Phase.UPCOMING
    assert phase(start, end, date(2027, 1, 1), verdicts_given=False) == Phase.ONGOING
    assert phase(start, end, date(2027, 12, 31), verdicts_given=False) == Phase.ONGOING
    assert phase(start, end, date(2028, 1, 1), verdicts_given=False) == Phase.AWAITING_EVALUATION
    assert phase(start, end, date(2028, 1, 1), verdicts_given=True) == Phase.EVALUATED
    assert phase(start, end, date(2026, 12, 31), verdicts_given=True) == Phase.UPCOMING


def test_overdue_from_the_day_after_the_due_date():
    assert not overdue(date(2028, 2, 29), date(2028, 2, 29))
    assert overdue(date(2028, 2, 29), date(2028, 3, 1))
    assert not overdue(date(2028, 2, 29), date(2028, 3, 1), done=True)
    assert not overdue(None, date(2028, 3, 1))


@pytest.fixture
def upcoming_promise(make_promise, today):
    """Signed by both parties, for next year only: public, but not begun."""
    return make_promise(
        "active", start=datetime.date(today.year + 1, 1, 1), end=datetime.date(today.year + 1, 12, 31)
    )


def test_a_signed_promise_that_has_not_begun_is_kommande_everywhere(upcoming_promise, users, client_for):
    public = client_for(None).get(reverse("public:promises_public:list", args=["arjeplog"])).content.decode()
    assert "kommande" in public
    assert "pågår" not in public
    detail = (
        client_for(None)
        .get(reverse("public:promises_public:promise", args=["arjeplog", upcoming_promise.pk]))
        .content.decode()
    )
    assert "Kommande" in detail
    assert "Pågår" not in detail
    staff = (
        client_for(users["coordinator"]).get(reverse("promises:overview", args=["arjeplog"])).content.decode()
    )
    assert "Kommande" in staff
    assert "Pågår" not in staff


def test_a_promise_past_its_end_without_verdicts_awaits_evaluation(make_promise, users, client_for, today):
    make_promise(
        "active", start=datetime.date(today.year - 2, 1, 1), end=datetime.date(today.year - 1, 12, 31)
    )
    public = client_for(None).get(reverse("public:promises_public:list", args=["arjeplog"])).content.decode()
    assert "väntar på utvärdering" in public
    assert "pågår" not in public
    staff = (
        client_for(users["coordinator"]).get(reverse("promises:overview", args=["arjeplog"])).content.decode()
    )
    assert "Väntar på utvärdering" in staff


def test_a_running_promise_is_pagar(active_promise, client_for):
    public = client_for(None).get(reverse("public:promises_public:list", args=["arjeplog"])).content.decode()
    assert "pågår" in public
    assert "kommande" not in public


def test_an_action_item_past_its_date_is_forsenad_on_the_start_page(places, users, client_for, today):
    from samverka.meetings.models import ActionItem, Meeting

    meeting = Meeting.objects.create(
        municipality=places["arjeplog"],
        title="BRÅ-möte",
        starts_at=datetime.datetime(today.year, 5, 1, 10, tzinfo=datetime.UTC),
        organiser=places["orgs"]["arjeplogs-kommun"],
    )
    owner = places["orgs"]["arjeplogs-kommun"]
    ActionItem.objects.create(meeting=meeting, text="Boka lokal", owner_organisation=owner, due_date=today)
    ActionItem.objects.create(
        meeting=meeting,
        text="Skicka kallelse",
        owner_organisation=owner,
        due_date=today - datetime.timedelta(days=1),
    )
    page = client_for(users["coordinator"]).get("/").content.decode()
    # The action items' own panel (the "waiting for you" panel above it lists them too, in its own words).
    page = page[page.index('id="action-items-heading"') :]
    late = page.index("Skicka kallelse")
    on_time = page.index("Boka lokal")
    assert page.count("Försenad") == 1
    assert late < page.index("Försenad") < on_time


def test_a_yearly_follow_up_is_forsenad_from_the_first_day_of_the_next_year_on_the_start_page_and_lists(
    make_promise, users, client_for, time_machine
):
    """Promise 2026–2027, "once a year", nothing reported: on 31 December 2026 the year is still open;
    on 1 January 2027 its follow-up is past its date, on the start page and in the staff list."""
    import zoneinfo

    promise = make_promise("active", start=date(2026, 1, 1), end=date(2027, 12, 31))
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")

    def pages():
        client = client_for(users["coordinator"])  # logged in again: the session ends over half a year
        start = client.get("/").content.decode()
        panel = start.split('id="promises-due"')  # the box is left out when nothing is due
        start = panel[1].split("</section>")[0] if len(panel) > 1 else ""
        overview = client.get(reverse("promises:overview", args=["arjeplog"])).content.decode()
        detail = client.get(promise.get_absolute_url()).content.decode()
        return start, overview, detail

    time_machine.move_to(datetime.datetime(2026, 12, 31, 23, 0, tzinfo=stockholm))
    start, overview, detail = pages()
    assert "Försenad" not in start and "Försenad" not in overview and "Försenad" not in detail
    assert "Pågår" in overview

    time_machine.move_to(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=stockholm))
    start, overview, detail = pages()
    assert "Polis och socialtjänst fortbildar" in start and "Försenad" in start
    assert "Försenad" in detail
    assert "Pågår" in overview  # the promise runs on; its commitment is late

    # a follow-up dated on the last day of 2026 counts for 2026 and ends the delay
    from samverka.promises import services
    from samverka.promises.models import Commitment

    services.follow_up_create(
        user=users["coordinator"],
        commitment=Commitment.objects.get(promise=promise),
        date=date(2026, 12, 31),
        description="Fortbildningen hölls den 31 december.",
        amount=Decimal(1),
    )
    start, _overview, detail = pages()
    assert "Försenad" not in start and "Försenad" not in detail
