"""The commitment form keeps only the fields of its goal type, and commitments are ordered by arrows
(issue 12, forms): who may move them, and that a refused or wrong move changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.promises import services
from samverka.promises.models import Commitment, Target


def _add(promise, user, text):
    return services.commitment_save(
        user=user, parent=promise, text=text, target={"kind": Target.Kind.COUNT, "amount": Decimal(1)}
    )


@pytest.fixture
def three(make_promise, users):
    promise = make_promise("draft")
    _add(promise, users["coordinator"], "Andra åtagandet")
    _add(promise, users["coordinator"], "Tredje åtagandet")
    return promise


def _texts(promise):
    return [c.text[:14] for c in promise.commitments.order_by("order")]


def test_a_new_commitment_comes_last(three):
    assert [c.order for c in three.commitments.order_by("order")] == [1, 2, 3]
    assert _texts(three) == ["Polis och soci", "Andra åtagande", "Tredje åtagand"]


def test_the_coordinator_moves_a_commitment_down_and_up(three, users, client_for):
    second = three.commitments.get(text="Andra åtagandet")
    client = client_for(users["editor"])
    response = client.post(reverse("promises:commitment_move", args=[second.pk]), {"direction": "down"})
    assert response.status_code == 302 and response.url.endswith(f"#c-{second.pk}")
    assert _texts(three) == ["Polis och soci", "Tredje åtagand", "Andra åtagande"]
    client.post(reverse("promises:commitment_move", args=[second.pk]), {"direction": "up"})
    client.post(reverse("promises:commitment_move", args=[second.pk]), {"direction": "up"})
    assert _texts(three) == ["Andra åtagande", "Polis och soci", "Tredje åtagand"]
    page = client.get(three.get_absolute_url()).content.decode()
    assert (
        page.count("Flytta upp") == 2 and page.count("Flytta ner") == 2
    )  # none above the first, below the last


def test_the_first_cannot_move_up_and_a_bad_direction_changes_nothing(three, users, client_for):
    first = three.commitments.order_by("order").first()
    client = client_for(users["coordinator"])
    client.post(reverse("promises:commitment_move", args=[first.pk]), {"direction": "up"})
    response = client.post(
        reverse("promises:commitment_move", args=[first.pk]), {"direction": "sideways"}, follow=True
    )
    assert "Välj upp eller ner." in response.content.decode()
    assert _texts(three) == ["Polis och soci", "Andra åtagande", "Tredje åtagand"]


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("county", 403), ("outsider", 404)])
def test_no_one_else_moves_a_commitment(three, users, client_for, who, status):
    last = three.commitments.order_by("order").last()
    response = client_for(users[who]).post(
        reverse("promises:commitment_move", args=[last.pk]), {"direction": "up"}
    )
    assert response.status_code == status
    assert _texts(three) == ["Polis och soci", "Andra åtagande", "Tredje åtagand"]


def test_anonymous_is_sent_to_log_in(three, client_for):
    last = three.commitments.order_by("order").last()
    response = client_for(None).post(reverse("promises:commitment_move", args=[last.pk]), {"direction": "up"})
    assert response.status_code == 302 and "/konto/logga-in/" in response.url
    assert _texts(three) == ["Polis och soci", "Andra åtagande", "Tredje åtagand"]


def test_a_move_is_a_post(three, users, client_for):
    last = three.commitments.order_by("order").last()
    response = client_for(users["coordinator"]).get(reverse("promises:commitment_move", args=[last.pk]))
    assert response.status_code == 405


def _post_commitment(client, promise, **fields):
    data = {
        "text": "Ett nytt åtagande",
        "kind": "count",
        "amount": "2",
        "unit": "year",
        "direction": "increase",
    }
    data.update(fields)
    return client.post(reverse("promises:commitment_new", args=[promise.pk]), data)


def test_a_milestone_ignores_what_the_hidden_count_fields_hold(three, users, client_for):
    response = _post_commitment(
        client_for(users["coordinator"]),
        three,
        kind="milestone",
        due="2027-05-31",
        amount="inte ett tal",
        target_value="12",
        indicator="Andel unga som röker",
    )
    assert response.status_code == 302
    target = Commitment.objects.get(text="Ett nytt åtagande").target
    assert (target.kind, target.due, target.amount) == ("milestone", datetime.date(2027, 5, 31), 1)
    assert (target.target_value, target.indicator) == (None, "")


def test_a_count_ignores_a_date_and_an_indicator_level(three, users, client_for):
    response = _post_commitment(
        client_for(users["coordinator"]), three, due="inte ett datum", baseline="x", target_value="5"
    )
    assert response.status_code == 302
    target = Commitment.objects.get(text="Ett nytt åtagande").target
    assert (target.kind, target.amount, target.due, target.baseline, target.target_value) == (
        "count",
        2,
        None,
        None,
        None,
    )


def test_an_indicator_target_still_needs_its_own_fields_and_saves_nothing_without(three, users, client_for):
    response = _post_commitment(client_for(users["coordinator"]), three, kind="indicator", amount="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in page
    assert 'href="#id_target_value"' in page
    assert not Commitment.objects.filter(text="Ett nytt åtagande").exists()
    # Every group is in the page for a browser without JavaScript, marked with the choice it belongs to.
    assert 'data-shown-when="kind" data-shown-value="count"' in page
    assert 'data-shown-when="kind" data-shown-value="milestone indicator"' in page
    assert 'data-shown-when="kind" data-shown-value="indicator"' in page
