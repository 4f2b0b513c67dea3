"""Vocabularies on staff pages: the shared ones by an administrator, a place's key events by its
coordinators; renaming keeps references, removing an entry in use is refused with where it is used."""

import datetime

import pytest
from django.urls import reverse

from samverka.activities.models import Activity, TargetGroup
from samverka.core.models import owner_fields
from samverka.situation.models import KeyEvent


@pytest.fixture
def group(db):
    return TargetGroup.objects.create(code="foraldrar", name_sv="Föräldrar", name_en="Parents", order=10)


def activity(place, title, group):
    a = Activity.objects.create(title=title, arena="school", **owner_fields(place))
    a.target_groups.add(group)
    return a


def entry_url(key, pk, slug=None):
    if slug:
        return reverse("people:place_vocabulary_entry", args=[slug, key, pk])
    return reverse("people:vocabulary_entry", args=[key, pk])


def test_administrator_adds_a_shared_target_group_with_a_stable_code(client_for, users):
    response = client_for(users["admin"]).post(
        reverse("people:vocabulary", args=["malgrupper"]),
        {"name_sv": "Unga vuxna på väg", "name_en": "Young adults"},
        follow=True,
    )
    assert "Unga vuxna på väg lades till." in response.content.decode()
    added = TargetGroup.objects.get(name_sv="Unga vuxna på väg")
    assert added.code == "unga-vuxna-pa-vag"


def test_renaming_keeps_every_activity_that_uses_the_entry(client_for, users, places, group):
    used = activity(places["arjeplog"], "Föräldrakväll", group)
    client_for(users["admin"]).post(
        entry_url("malgrupper", group.pk), {"save": "1", "name_sv": "Vårdnadshavare", "name_en": "Guardians"}
    )
    group.refresh_from_db()
    assert (group.name_sv, group.code) == ("Vårdnadshavare", "foraldrar")
    assert list(used.target_groups.values_list("name_sv", flat=True)) == ["Vårdnadshavare"]


def test_removing_an_entry_in_use_is_refused_saying_where(client_for, users, places, group):
    for title in ["Föräldrakväll", "Langningskampanj", "Tjejgrupp", "Nattvandring"]:
        activity(places["arjeplog"], title, group)
    response = client_for(users["admin"]).post(
        entry_url("malgrupper", group.pk), {"remove": "1"}, follow=True
    )
    page = response.content.decode()
    assert "Föräldrar togs inte bort: den används av 4 aktiviteter:" in page
    assert "Föräldrakväll, Langningskampanj, Nattvandring …" in page
    assert TargetGroup.objects.filter(pk=group.pk).exists()


def test_an_unused_entry_is_removed(client_for, users, group):
    response = client_for(users["admin"]).post(
        entry_url("malgrupper", group.pk), {"remove": "1"}, follow=True
    )
    assert "Föräldrar togs bort." in response.content.decode()
    assert not TargetGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("who", ["coordinator", "editor", "police", "county", "outsider"])
def test_only_an_administrator_changes_the_shared_vocabularies(client_for, users, group, who):
    client = client_for(users[who])
    assert client.get(reverse("people:vocabulary", args=["malgrupper"])).status_code == 403
    client.post(entry_url("malgrupper", group.pk), {"save": "1", "name_sv": "Ändrad", "name_en": "Changed"})
    client.post(entry_url("malgrupper", group.pk), {"remove": "1"})
    group.refresh_from_db()
    assert group.name_sv == "Föräldrar"


def test_coordinator_adds_renames_and_removes_her_municipalitys_key_events(client_for, users, places):
    client = client_for(users["coordinator"])
    url = reverse("people:place_vocabulary", args=["arjeplog", "viktiga-handelser"])
    response = client.post(
        url, {"date": "2026-03-01", "label": "Ny fritidsgård öppnar", "is_public": "on"}, follow=True
    )
    assert "1 mars 2026: Ny fritidsgård öppnar lades till." in response.content.decode()
    event = KeyEvent.objects.get(label="Ny fritidsgård öppnar")
    assert event.municipality == places["arjeplog"] and event.date == datetime.date(2026, 3, 1)
    client.post(
        entry_url("viktiga-handelser", event.pk, "arjeplog"),
        {"save": "1", "date": "2026-03-02", "label": "Fritidsgården Polar öppnar", "is_public": "on"},
    )
    event.refresh_from_db()
    assert (event.label, event.date) == ("Fritidsgården Polar öppnar", datetime.date(2026, 3, 2))
    client.post(entry_url("viktiga-handelser", event.pk, "arjeplog"), {"remove": "1"})
    assert not KeyEvent.objects.filter(pk=event.pk).exists()


def test_the_key_event_list_shows_only_the_places_own(client_for, users, places):
    KeyEvent.objects.create(
        date=datetime.date(2025, 1, 1), label="Arjeplogs händelse", **owner_fields(places["arjeplog"])
    )
    KeyEvent.objects.create(
        date=datetime.date(2025, 1, 1), label="Piteås händelse", **owner_fields(places["pitea"])
    )
    page = (
        client_for(users["coordinator"])
        .get(reverse("people:place_vocabulary", args=["arjeplog", "viktiga-handelser"]))
        .content.decode()
    )
    assert "Arjeplogs händelse" in page and "Piteås händelse" not in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("editor", 403), ("police", 403), ("county", 403), ("other_editor", 404), ("outsider", 404)],
)
def test_others_cannot_manage_arjeplogs_key_events(client_for, users, places, who, status):
    event = KeyEvent.objects.create(
        date=datetime.date(2025, 1, 1), label="Kvar", **owner_fields(places["arjeplog"])
    )
    client = client_for(users[who])
    url = reverse("people:place_vocabulary", args=["arjeplog", "viktiga-handelser"])
    assert client.get(url).status_code == status
    client.post(url, {"date": "2026-03-01", "label": "Inbruten"})
    client.post(entry_url("viktiga-handelser", event.pk, "arjeplog"), {"remove": "1"})
    assert list(KeyEvent.objects.values_list("label", flat=True)) == ["Kvar"]


def test_a_key_event_of_another_place_cannot_be_reached_through_her_own(client_for, users, places):
    event = KeyEvent.objects.create(
        date=datetime.date(2025, 1, 1), label="Piteås", **owner_fields(places["pitea"])
    )
    client = client_for(users["coordinator"])
    assert (
        client.post(entry_url("viktiga-handelser", event.pk, "arjeplog"), {"remove": "1"}).status_code == 404
    )
    assert KeyEvent.objects.filter(pk=event.pk).exists()


def test_anonymous_is_sent_to_log_in(client, places, group):
    for url in [reverse("people:vocabularies"), reverse("people:vocabulary", args=["malgrupper"])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


# --- Ordering by arrows (issue 12: no order number to type) --------------------------------------------


@pytest.fixture
def three_groups(db):
    TargetGroup.objects.all().delete()
    return [
        TargetGroup.objects.create(code=code, name_sv=name, name_en=name, order=order)
        for code, name, order in [("barn", "Barn", 10), ("unga", "Unga", 20), ("vuxna", "Vuxna", 30)]
    ]


def _names():
    return list(TargetGroup.objects.values_list("name_sv", flat=True))


def move_url(pk):
    return reverse("people:vocabulary_move", args=["malgrupper", pk])


def test_the_list_offers_arrows_and_no_order_field(client_for, users, three_groups):
    page = client_for(users["admin"]).get(reverse("people:vocabulary", args=["malgrupper"])).content.decode()
    assert 'name="order"' not in page
    barn, unga, vuxna = three_groups
    # the first entry only moves down, the last only up, the middle both ways
    assert page.count(f'action="{move_url(barn.pk)}"') == 1
    first = page[page.index(f'id="entry-{barn.pk}"') : page.index(f'id="entry-{unga.pk}"')]
    assert "Flytta ner" in first and "Flytta upp" not in first
    last = page[page.index(f'id="entry-{vuxna.pk}"') :]
    last = last[: last.index("</li>")]
    assert "Flytta upp" in last and "Flytta ner" not in last


def test_an_arrow_moves_the_entry_one_place(client_for, users, three_groups):
    barn, unga, vuxna = three_groups
    response = client_for(users["admin"]).post(move_url(vuxna.pk), {"direction": "up"}, follow=True)
    assert "Ordningen ändrades." in response.content.decode()
    assert _names() == ["Barn", "Vuxna", "Unga"]
    page = response.content.decode()
    assert page.index("Vuxna") < page.index("Unga")
    client_for(users["admin"]).post(move_url(barn.pk), {"direction": "down"})
    assert _names() == ["Vuxna", "Barn", "Unga"]


def test_moving_past_the_edge_or_without_a_direction_changes_nothing(client_for, users, three_groups):
    barn = three_groups[0]
    client = client_for(users["admin"])
    client.post(move_url(barn.pk), {"direction": "up"})
    response = client.post(move_url(barn.pk), {"direction": "sideways"}, follow=True)
    assert "Välj upp eller ner." in response.content.decode()
    assert _names() == ["Barn", "Unga", "Vuxna"]


def test_a_factor_moves_only_among_factors_of_its_kind(client_for, users, db):
    from samverka.activities.models import Factor

    Factor.objects.all().delete()
    risk = Factor.objects.create(code="r1", kind=Factor.Kind.RISK, name_sv="Risk ett", name_en="R1", order=10)
    guard = Factor.objects.create(
        code="s1", kind=Factor.Kind.PROTECTIVE, name_sv="Skydd ett", name_en="P1", order=10
    )
    before = list(Factor.objects.values_list("name_sv", "order"))
    url = reverse("people:vocabulary_move", args=["risk-och-skyddsfaktorer", guard.pk])
    client_for(users["admin"]).post(url, {"direction": "up"})
    # the first protective factor does not move up past the risk factors listed before its kind
    assert list(Factor.objects.values_list("name_sv", "order")) == before
    page = client_for(users["admin"]).get(reverse("people:vocabulary", args=["risk-och-skyddsfaktorer"]))
    # each is alone in its kind: no arrows at all
    assert "Flytta upp" not in page.content.decode() and risk.name_sv in page.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "county", "editor"])
def test_only_an_administrator_moves_a_shared_entry(client_for, users, three_groups, who):
    response = client_for(users[who]).post(move_url(three_groups[2].pk), {"direction": "up"})
    assert response.status_code == 403
    assert _names() == ["Barn", "Unga", "Vuxna"]
