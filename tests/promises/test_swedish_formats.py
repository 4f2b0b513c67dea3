"""Dates and numbers on the promise page follow the reader's language: "1 januari 2026" and "12 345,50"
(a non-breaking space between thousands, a decimal comma) in Swedish, "Jan. 1, 2026" and "12,345.50" in
English."""

import datetime
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
