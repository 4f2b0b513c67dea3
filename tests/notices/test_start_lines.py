"""The start page's "Väntar på dig": notices that read the same become one line with their count,
linking to the inbox that lists them one by one (issue 12)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.notices import selectors
from samverka.notices.selectors import Notice, lines_of

INBOX = "/notiser/"


def follow_up(pk, text, due, overdue=False):
    return Notice(
        key=f"follow_up:{pk}",
        kind="follow_up",
        text=f"Uppföljning väntar: {text}",
        url=f"/uppfoljning/{pk}/",
        due=due,
        overdue=overdue,
        about=text,
    )


def test_identical_follow_ups_become_one_line_with_their_count_linking_to_the_list():
    text = "Polisen genomför minst fyra tillsyner per år"
    notices = [
        follow_up(1, text, datetime.date(2026, 12, 3)),
        Notice(key="score:1", kind="score", text="Väntar på din bedömning", url="/bedom/1/"),
        follow_up(2, text, datetime.date(2026, 11, 30), overdue=True),
        follow_up(3, text, datetime.date(2026, 12, 1)),
        follow_up(4, "Kommunen håller föräldramöten", datetime.date(2026, 12, 2)),
    ]
    with translation.override("sv"):
        lines = lines_of(notices, INBOX)
    assert [(line.text, line.url, line.count) for line in lines] == [
        (f"3 uppföljningar väntar: {text}", INBOX, 3),
        ("Väntar på din bedömning", "/bedom/1/", 1),
        ("Uppföljning väntar: Kommunen håller föräldramöten", "/uppfoljning/4/", 1),
    ]
    # the summed-up line is due at the earliest of its notices and overdue when one of them is
    assert (lines[0].due, lines[0].overdue) == (datetime.date(2026, 11, 30), True)
    assert (lines[2].due, lines[2].overdue) == (datetime.date(2026, 12, 2), False)


def test_other_identical_notices_are_counted_in_words():
    same = [
        Notice(
            key=f"partner_follow_up:{i}", kind="partner_record", text="Polisen rapporterade", url=f"/p/{i}/"
        )
        for i in range(2)
    ]
    with translation.override("sv"):
        (line,) = lines_of(same, INBOX)
    assert (line.text, line.url) == ("Polisen rapporterade (2 gånger)", INBOX)


@pytest.mark.django_db
def test_the_start_page_shows_a_repeated_notice_once_with_its_count(client_for, users, monkeypatch):
    text = "Polisen genomför minst fyra tillsyner per år"
    notices = [follow_up(i, text, datetime.date(2026, 12, i)) for i in range(1, 4)]
    monkeypatch.setattr(selectors, "notices_for", lambda user, today=None: notices)
    page = client_for(users["coordinator"]).get("/").content.decode()
    panel = page[page.index('id="notices-h"') :]
    panel = panel[: panel.index("</section>")]
    assert panel.count(text) == 1
    assert f'<a href="{reverse("notices:inbox")}">3 uppföljningar väntar: {text}</a>' in panel
    assert "(senast 1 december 2026)" in panel
