"""The activity log: that an activity took place, with how many took part (never names), and its reach per
year on the staff and public pages (counts below 5 as "färre än 5")."""

import datetime

import pytest
from django.urls import reverse

from samverka.activities.models import Occasion


def _post(activity, **overrides):
    data = {"date": "2026-05-20", "venue": "Arjeplogs skola, aulan", "participants": "23"}
    data.update(overrides)
    return data


@pytest.fixture
def activity(make_activity, places):
    return make_activity(title="Föräldrakväll om alkohol")


def test_a_coordinator_records_an_occasion_and_sees_the_reach_per_year(
    activity, places, users, client_for, frozen_today
):
    client = client_for(users["coordinator"])
    school = places["orgs"]["arjeplog-skolan"]
    url = reverse("activities:occasion_record", args=[activity.pk])
    data = _post(activity, organisations=[str(school.pk)], **{"n_13-15_girls": "12", "n_13-15_boys": "9"})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    occasion = Occasion.objects.get()
    assert (occasion.date, occasion.venue, occasion.participants) == (
        datetime.date(2026, 5, 20),
        "Arjeplogs skola, aulan",
        23,
    )
    assert occasion.breakdown == {"13-15": {"girls": 12, "boys": 9}}
    assert list(occasion.organisations.all()) == [school]
    assert occasion.recorded_by == users["coordinator"] and occasion.municipality == places["arjeplog"]
    client.post(url, _post(activity, date="2025-10-01", participants="3"))

    page = client.get(activity.get_absolute_url()).content.decode()
    reach = page.split('id="reach-h"')[1].split("</table>")[0]
    row_2026 = reach.split('<th scope="row">2026</th>')[1].split("</tr>")[0]
    assert (
        'data-label="Deltog">23</td>' in row_2026
        and "13–15 år: 21" in row_2026
        and "flickor och kvinnor: 12" in row_2026
    )
    row_2025 = reach.split('<th scope="row">2025</th>')[1].split("</tr>")[0]
    assert 'data-label="Deltog">3</td>' in row_2025  # staff see the number they typed


def test_the_public_page_shows_reach_below_5_as_fewer_than_5(activity, users, client_for, frozen_today):
    client_for(users["coordinator"]).post(
        reverse("activities:occasion_record", args=[activity.pk]),
        _post(activity, participants="4", **{"n_16-17_boys": "4"}),
    )
    page = client_for(None).get(f"/p/arjeplog/aktiviteter/{activity.pk}/").content.decode()
    row = page.split('<th scope="row">2026</th>')[1].split("</tr>")[0]
    assert 'data-label="Deltog">färre än 5</td>' in row and "16–17 år: färre än 5" in row
    assert ">4</td>" not in row and ": 4" not in row


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"participants": "-3"}, "Ett antal deltagare kan inte vara negativt."),
        (
            {"date": "2026-06-16"},
            "Ett tillfälle registreras när det har ägt rum: datumet ligger i framtiden.",
        ),
        ({"venue": ""}, "Det här fältet är obligatoriskt."),
        ({"participants": ""}, "Det här fältet är obligatoriskt."),
        ({"n_0-12_girls": "-1"}, "Ett antal deltagare kan inte vara negativt."),
        ({"participants": "5", "n_0-12_girls": "4", "n_0-12_boys": "2"}, "mer än antalet som deltog"),
    ],
)
def test_bad_input_gets_a_swedish_message_and_changes_nothing(
    activity, users, client_for, frozen_today, overrides, message
):
    response = client_for(users["coordinator"]).post(
        reverse("activities:occasion_record", args=[activity.pk]), _post(activity, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Occasion.objects.exists()


def test_an_organisation_of_another_municipality_is_refused(
    activity, places, users, client_for, frozen_today
):
    other = next(o for o in places["orgs"].values() if places["arjeplog"] not in o.municipalities.all())
    response = client_for(users["coordinator"]).post(
        reverse("activities:occasion_record", args=[activity.pk]),
        _post(activity, organisations=[str(other.pk)]),
    )
    assert response.status_code == 200 and not Occasion.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("county", 403)])
def test_only_the_municipalitys_editors_record_occasions(
    activity, users, client_for, frozen_today, who, status
):
    response = client_for(users[who]).post(
        reverse("activities:occasion_record", args=[activity.pk]), _post(activity)
    )
    assert response.status_code == status
    assert not Occasion.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_and_records_nothing(
    activity, users, client_for, frozen_today
):
    response = client_for(users["anonymous"]).post(
        reverse("activities:occasion_record", args=[activity.pk]), _post(activity)
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Occasion.objects.exists()
