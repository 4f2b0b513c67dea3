"""Concurrent edits: two people edit the same record; the second to save a stale copy gets a conflict
that shows what changed, and nothing of either edit is lost (core.concurrency)."""

import datetime

import pytest
from django.test import Client

from samverka.activities.models import Activity, SubstanceArea
from samverka.core.concurrency import EditConflict, save_versioned


def form_data(form) -> dict:
    """What a browser would send back for `form` as it was rendered."""
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if getattr(widget, "allow_multiple_selected", False):
            data[bound.html_name] = [str(v) for v in (value or [])]
        elif getattr(widget, "input_type", "") == "checkbox":
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(value)
    return data


def open_edit_form(client, activity) -> dict:
    response = client.get(f"/aktiviteter/{activity.pk}/andra/")
    assert response.status_code == 200
    return form_data(response.context["form"])


@pytest.fixture
def two_editors(users):
    anna, erik = Client(), Client()
    anna.force_login(users["coordinator"])
    erik.force_login(users["editor"])
    return anna, erik


def test_the_second_of_two_editors_gets_a_conflict_and_nothing_is_lost(two_editors, make_activity):
    activity = make_activity(title="Föräldramöte", summary="Kväll för föräldrar")
    history_before = activity.history.count()
    anna, erik = two_editors
    annas_form, eriks_form = open_edit_form(anna, activity), open_edit_form(erik, activity)
    assert annas_form["opened_at_version"] == eriks_form["opened_at_version"] == "1"

    annas_form["title"] = "Föräldramöte om alkohol"
    assert anna.post(f"/aktiviteter/{activity.pk}/andra/", annas_form).status_code == 302

    eriks_form["summary"] = "Kväll för föräldrar till elever i årskurs 7"
    response = erik.post(f"/aktiviteter/{activity.pk}/andra/", eriks_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan sparade den här posten efter att du öppnade den" in html
    # What changed is shown: the title Anna saved now, next to the one in Erik's stale copy ...
    conflict = response.context["conflict"]
    changes = {c.field: (c.theirs, c.yours) for c in conflict.changes}
    assert changes == {"title": ("Föräldramöte om alkohol", "Föräldramöte")}
    assert "Föräldramöte om alkohol" in html
    # ... Erik's edit is still in the form, and nothing of it was written.
    assert "Kväll för föräldrar till elever i årskurs 7" in html
    activity.refresh_from_db()
    assert (activity.title, activity.summary, activity.version) == (
        "Föräldramöte om alkohol",
        "Kväll för föräldrar",
        2,
    )

    # Erik takes Anna's title into his form and saves again: both edits are kept.
    resent = form_data(response.context["form"])
    assert resent["opened_at_version"] == "2"
    resent["title"] = changes["title"][0]
    assert erik.post(f"/aktiviteter/{activity.pk}/andra/", resent).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.summary, activity.version) == (
        "Föräldramöte om alkohol",
        "Kväll för föräldrar till elever i årskurs 7",
        3,
    )
    assert activity.history.count() == history_before + 2  # Anna's save and Erik's: each one recorded


def test_a_change_of_many_to_many_fields_is_a_conflict_too_and_is_shown(two_editors, make_activity):
    activity = make_activity(areas=("alcohol",))
    anna, erik = two_editors
    annas_form, eriks_form = open_edit_form(anna, activity), open_edit_form(erik, activity)
    doping = SubstanceArea.objects.get(code="doping")
    annas_form["substance_areas"] = [*annas_form["substance_areas"], str(doping.pk)]
    assert anna.post(f"/aktiviteter/{activity.pk}/andra/", annas_form).status_code == 302

    eriks_form["frequency"] = "varje vecka"
    response = erik.post(f"/aktiviteter/{activity.pk}/andra/", eriks_form)
    assert response.status_code == 200
    changes = {c.field: (c.theirs, c.yours) for c in response.context["conflict"].changes}
    # Only what Anna changed is listed as changed by someone else; Erik's own edit stays in his form.
    assert set(changes) == {"substance_areas"}
    assert str(doping) in changes["substance_areas"][0] and str(doping) not in changes["substance_areas"][1]
    assert "varje vecka" in response.content.decode()
    assert set(activity.substance_areas.values_list("code", flat=True)) == {"alcohol", "doping"}
    activity.refresh_from_db()
    assert activity.frequency == ""


def test_the_same_stale_form_sent_twice_never_overwrites(two_editors, make_activity):
    activity = make_activity(title="Original")
    anna, erik = two_editors
    stale = open_edit_form(erik, activity)
    fresh = open_edit_form(anna, activity)
    fresh["title"] = "Annas titel"
    anna.post(f"/aktiviteter/{activity.pk}/andra/", fresh)
    stale["title"] = "Eriks titel"
    for _ in range(2):
        assert erik.post(f"/aktiviteter/{activity.pk}/andra/", stale).status_code == 200
    activity.refresh_from_db()
    assert activity.title == "Annas titel"


def test_save_versioned_writes_only_the_named_fields(make_activity):
    activity = make_activity(title="A", frequency="varje vecka")
    # Someone changes a field outside the form (e.g. a script) without touching the version.
    Activity.objects.filter(pk=activity.pk).update(frequency="varje månad")
    activity.title = "B"
    save_versioned(activity, 1, ["title"])
    activity.refresh_from_db()
    assert (activity.title, activity.frequency, activity.version) == ("B", "varje månad", 2)


def test_save_versioned_sets_relations_in_the_same_transaction_and_bumps_the_version(make_activity):
    activity = make_activity(areas=("alcohol",))
    areas = list(SubstanceArea.objects.filter(code__in=["tobacco", "gambling"]))
    save_versioned(activity, 1, [], relations={"substance_areas": areas})
    activity.refresh_from_db()
    assert activity.version == 2
    assert set(activity.substance_areas.values_list("code", flat=True)) == {"tobacco", "gambling"}


def test_a_conflict_shows_choice_labels_and_yes_or_no_not_raw_values(make_activity):
    activity = make_activity(published=False, arena="school")
    Activity.objects.filter(pk=activity.pk).update(version=2, published=True, arena="family")
    activity.published = False
    activity.arena = "school"
    with pytest.raises(EditConflict) as conflict:
        save_versioned(activity, 1, ["published", "arena"])
    changes = {c.field: (str(c.theirs), str(c.yours)) for c in conflict.value.changes}
    assert changes["arena"] == (
        str(Activity(arena="family").get_arena_display()),
        str(Activity(arena="school").get_arena_display()),
    )
    assert changes["published"] in {("ja", "nej"), ("yes", "no")}


def test_a_record_opened_and_saved_by_one_person_never_conflicts(client_for, users, make_activity):
    activity = make_activity(title="Ensam")
    client = client_for(users["editor"])
    for number in range(3):
        form = open_edit_form(client, activity)
        form["title"] = f"Ensam {number}"
        assert client.post(f"/aktiviteter/{activity.pk}/andra/", form).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Ensam 2", 4)
