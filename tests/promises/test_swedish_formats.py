"""Dates and numbers on the promise page follow the reader's language: "1 januari 2026" and "12 345,50"
(a non-breaking space between thousands, a decimal comma) in Swedish, "Jan. 1, 2026" and "12,345.50" in
English."""

import datetime
import re
from decimal import Decimal

import pytest

from samverka.promises import services

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "period", "amount"),
    [
        ("sv", "1 januari {start} – 31 december {end}", f"(12{NBSP}345,50)"),
        ("en", "Jan. 1, {start} – Dec. 31, {end}", "(12,345.50)"),
    ],
)
def test_the_promise_page_writes_dates_and_numbers_the_readers_way(
    active_promise, users, client_for, today, language, period, amount
):
    services.follow_up_create(
        user=users["coordinator"],
        commitment=active_promise.commitments.get(),
        date=today,
        description="Fortbildningskväll för föräldrar och personal.",
        amount=Decimal("12345.5"),
    )
    client = client_for(users["coordinator"])
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    text = client.get(active_promise.get_absolute_url()).content.decode()
    assert period.format(start=today.year, end=today.year + 1) in text
    assert amount in text
    assert datetime.date(today.year, 1, 1).isoformat() not in text.split("<main", 1)[1].split("<table", 1)[0]


@pytest.mark.parametrize(
    ("language", "done_by", "next_due"),
    [
        ("sv", "klart senast 30 juni 2027", "Nästa uppföljning senast 31 december"),
        ("en", "done by 30 June 2027", "Next follow-up due 31 December"),
    ],
)
def test_dates_in_running_text_are_written_out(active_promise, language, done_by, next_due):
    """Issue 16: a date in a sentence reads "30 juni 2027", not "2027-06-30"."""
    from django.utils import translation

    from samverka.promises import selectors
    from samverka.promises.models import Target
    from samverka.promises.templatetags.promises_tags import progress_words

    with translation.override(language):
        assert Target(kind=Target.Kind.MILESTONE, due=datetime.date(2027, 6, 30)).describe() == done_by
        (commitment,) = selectors.with_progress(active_promise.commitments.all())
        words = progress_words(commitment)
    assert next_due in words
    assert not re.search(r"\d{4}-\d\d-\d\d", words)
