"""The status of a commitment follows from its target and its follow-ups (samverka.promises.progress)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.promises.progress import (
    Direction,
    Entry,
    Kind,
    Status,
    TargetSpec,
    Unit,
    Verdict,
    due_dates,
    periods,
    progress,
    proposed_verdict,
)

ONCE_A_YEAR = TargetSpec(Kind.COUNT, date(2019, 1, 1), date(2020, 12, 31), amount=Decimal(1), unit=Unit.YEAR)


def e(y, m, d, amount=1):
    return Entry(date(y, m, d), None if amount is None else Decimal(amount))


def test_once_a_year_over_2019_2020_expects_one_by_end_of_2019_and_two_by_end_of_2020():
    assert progress(ONCE_A_YEAR, [], date(2019, 12, 31)).expected_so_far == 0
    assert progress(ONCE_A_YEAR, [], date(2020, 1, 1)).expected_so_far == 1
    assert progress(ONCE_A_YEAR, [], date(2020, 12, 31)).expected_so_far == 1
    assert progress(ONCE_A_YEAR, [], date(2021, 1, 1)).expected_so_far == 2
    assert progress(ONCE_A_YEAR, [], date(2021, 1, 1)).expected_total == 2
    assert due_dates(ONCE_A_YEAR) == [date(2019, 12, 31), date(2020, 12, 31)]


def test_a_promise_not_yet_started_is_upcoming():
    result = progress(ONCE_A_YEAR, [], date(2018, 6, 1))
    assert result.status == Status.UPCOMING
    assert result.next_due == date(2019, 12, 31)
    assert proposed_verdict(ONCE_A_YEAR, [], date(2018, 6, 1)) is None


def test_started_with_nothing_done_and_nothing_yet_due_is_not_started():
    assert progress(ONCE_A_YEAR, [], date(2019, 3, 1)).status == Status.NOT_STARTED


def test_one_follow_up_in_the_first_year_puts_the_commitment_on_track():
    result = progress(ONCE_A_YEAR, [e(2019, 4, 10)], date(2019, 5, 1))
    assert result.status == Status.ON_TRACK
    assert result.achieved_so_far == 1
    assert result.percent == 50


def test_crossing_the_period_boundary_without_a_follow_up_is_overdue():
    assert progress(ONCE_A_YEAR, [], date(2019, 12, 31)).status == Status.NOT_STARTED
    assert progress(ONCE_A_YEAR, [], date(2020, 1, 1)).status == Status.OVERDUE


def test_a_follow_up_on_the_last_day_of_the_period_counts_for_that_period():
    result = progress(ONCE_A_YEAR, [e(2019, 12, 31)], date(2020, 1, 1))
    assert result.status == Status.ON_TRACK
    assert [p.achieved for p in result.periods] == [1, 0]


def test_both_years_done_is_achieved_and_proposed_kept():
    entries = [e(2019, 11, 5), e(2020, 11, 3)]
    assert progress(ONCE_A_YEAR, entries, date(2021, 2, 1)).status == Status.ACHIEVED
    assert proposed_verdict(ONCE_A_YEAR, entries, date(2021, 2, 1)) == Verdict.KEPT


def test_one_of_two_years_done_is_missed_and_proposed_partly_kept():
    entries = [e(2019, 11, 5)]
    assert progress(ONCE_A_YEAR, entries, date(2021, 2, 1)).status == Status.MISSED
    assert proposed_verdict(ONCE_A_YEAR, entries, date(2021, 2, 1)) == Verdict.PARTLY_KEPT
    assert proposed_verdict(ONCE_A_YEAR, [], date(2021, 2, 1)) == Verdict.NOT_KEPT


def test_a_follow_up_dated_after_the_end_date_does_not_count():
    entries = [e(2019, 11, 5), e(2021, 1, 15)]
    result = progress(ONCE_A_YEAR, entries, date(2021, 2, 1))
    assert result.achieved_so_far == 1
    assert result.status == Status.MISSED
    assert result.next_due is None


def test_a_follow_up_dated_in_the_future_does_not_count_yet():
    assert progress(ONCE_A_YEAR, [e(2019, 9, 1)], date(2019, 5, 1)).status == Status.NOT_STARTED
    assert progress(ONCE_A_YEAR, [e(2019, 9, 1)], date(2018, 12, 31)).status == Status.UPCOMING


def test_weekly_target_of_five_visibility_activities():
    weekly = TargetSpec(Kind.COUNT, date(2024, 1, 1), date(2024, 3, 31), amount=Decimal(5), unit=Unit.WEEK)
    spans = periods(weekly)
    assert spans[0] == (date(2024, 1, 1), date(2024, 1, 7))
    assert spans[-1][1] == date(2024, 3, 31)  # the last, short period is due at the end
    assert len(spans) == 13
    first_week = [e(2024, 1, d, 1) for d in range(1, 6)]
    assert progress(weekly, first_week, date(2024, 1, 8)).status == Status.ON_TRACK
    assert progress(weekly, first_week[:4], date(2024, 1, 8)).status == Status.OVERDUE
    assert progress(weekly, first_week[:4], date(2024, 1, 7)).status == Status.ON_TRACK
    assert progress(weekly, first_week, date(2024, 1, 15)).expected_so_far == 10


def test_an_amount_above_one_counts_as_that_many():
    meetings = TargetSpec(Kind.COUNT, date(2024, 1, 1), date(2024, 12, 31), amount=Decimal(3), unit=Unit.YEAR)
    assert (
        progress(meetings, [e(2024, 3, 1, 2), e(2024, 9, 1, 1)], date(2025, 1, 1)).status == Status.ACHIEVED
    )


def test_a_milestone_is_done_by_an_entry_with_an_amount_before_the_due_date():
    survey = TargetSpec(Kind.MILESTONE, date(2024, 1, 1), date(2025, 12, 31), due=date(2024, 6, 30))
    assert progress(survey, [], date(2024, 2, 1)).status == Status.NOT_STARTED
    assert progress(survey, [e(2024, 2, 1, None)], date(2024, 3, 1)).status == Status.ON_TRACK
    assert progress(survey, [e(2024, 5, 1)], date(2024, 5, 2)).status == Status.ACHIEVED
    assert progress(survey, [], date(2024, 7, 1)).status == Status.MISSED
    late = [e(2024, 2, 1, None), e(2024, 8, 1)]
    assert progress(survey, late, date(2024, 9, 1)).status == Status.MISSED
    assert proposed_verdict(survey, late, date(2024, 9, 1)) == Verdict.PARTLY_KEPT
    assert proposed_verdict(survey, [], date(2024, 9, 1)) == Verdict.NOT_KEPT


def test_an_indicator_level_by_a_date_follows_the_line_from_the_baseline():
    smoking = TargetSpec(
        Kind.INDICATOR,
        date(2024, 1, 1),
        date(2025, 12, 31),
        due=date(2025, 12, 31),
        baseline=Decimal(20),
        target_value=Decimal(10),
        direction=Direction.DECREASE,
    )
    assert progress(smoking, [], date(2024, 6, 1)).status == Status.NOT_STARTED
    halfway = date(2024, 12, 31)
    assert progress(smoking, [Entry(halfway, Decimal(14))], halfway).status == Status.ON_TRACK
    assert progress(smoking, [Entry(halfway, Decimal(18))], halfway).status == Status.BEHIND
    assert progress(smoking, [Entry(halfway, Decimal(9))], halfway).status == Status.ACHIEVED
    after = date(2026, 1, 10)
    assert progress(smoking, [Entry(halfway, Decimal(14))], after).status == Status.MISSED
    assert proposed_verdict(smoking, [Entry(halfway, Decimal(14))], after) == Verdict.PARTLY_KEPT
    assert proposed_verdict(smoking, [Entry(halfway, Decimal(22))], after) == Verdict.NOT_KEPT
    assert progress(smoking, [Entry(halfway, Decimal(15))], halfway).percent == 50


def test_a_target_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="end date"):
        TargetSpec(Kind.COUNT, date(2020, 1, 1), date(2019, 1, 1))


days = st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31))
entry_lists = st.lists(st.builds(Entry, days, st.integers(0, 3).map(Decimal)), max_size=12)


@given(entry_lists, days)
def test_expected_so_far_never_exceeds_the_total_and_grows_with_time(entries, today):
    now = progress(ONCE_A_YEAR, entries, today)
    later = progress(ONCE_A_YEAR, entries, today + timedelta(days=200))
    assert 0 <= now.expected_so_far <= now.expected_total
    assert now.expected_so_far <= later.expected_so_far
    assert now.achieved_so_far <= later.achieved_so_far
    assert 0.0 <= now.fraction <= 1.0


@given(entry_lists, days)
def test_status_and_verdict_agree(entries, today):
    result = progress(ONCE_A_YEAR, entries, today)
    verdict = proposed_verdict(ONCE_A_YEAR, entries, today)
    if today < ONCE_A_YEAR.start:
        assert result.status == Status.UPCOMING
    if result.over:
        assert result.status in {Status.ACHIEVED, Status.MISSED}
        assert (verdict == Verdict.KEPT) == (result.status == Status.ACHIEVED)
    if result.status == Status.OVERDUE:
        assert any(p.achieved < p.expected for p in result.periods if p.due < today)


@given(entry_lists)
def test_adding_a_follow_up_never_makes_a_count_status_worse(entries):
    today = date(2020, 6, 1)
    rank = [Status.MISSED, Status.OVERDUE, Status.NOT_STARTED, Status.ON_TRACK, Status.ACHIEVED]
    before = progress(ONCE_A_YEAR, entries, today).status
    after = progress(ONCE_A_YEAR, [*entries, Entry(date(2020, 5, 1), Decimal(1))], today).status
    assert rank.index(after) >= rank.index(before)
