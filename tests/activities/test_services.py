import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.activities import gaps, services
from samverka.activities.models import Activity, Arena, Status
from samverka.core.concurrency import EditConflict


def test_an_activity_not_reviewed_for_twelve_months_needs_review(make_activity):
    today = timezone.localdate()
    assert make_activity(last_reviewed=today - datetime.timedelta(days=366)).needs_review
    assert not make_activity(last_reviewed=today - datetime.timedelta(days=300)).needs_review
    assert not make_activity().needs_review  # created today


def test_an_editor_of_pitea_cannot_create_an_activity_in_arjeplog(users, places):
    with pytest.raises(PermissionDenied):
        services.activity_create(
            user=users["other_editor"],
            owner=places["arjeplog"],
            values={"title": "Intrång", "arena": Arena.FAMILY},
        )
    assert not Activity.objects.filter(title="Intrång").exists()


def test_an_editor_cannot_publish_but_a_coordinator_can(users, places):
    with pytest.raises(PermissionDenied):
        services.activity_create(
            user=users["editor"],
            owner=places["arjeplog"],
            values={"title": "Ny", "arena": Arena.FAMILY, "published": True},
        )
    activity = services.activity_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        values={"title": "Ny", "arena": Arena.FAMILY, "published": True},
    )
    assert activity.published


def test_responsible_organisations_must_work_in_the_municipality(users, places):
    with pytest.raises(ValidationError):
        services.activity_create(
            user=users["coordinator"],
            owner=places["arjeplog"],
            values={"title": "Ny", "arena": Arena.FAMILY, "organisations": [places["orgs"]["pitea-kommun"]]},
        )
    assert not Activity.objects.filter(title="Ny").exists()


def test_a_stale_edit_raises_a_conflict_and_changes_nothing(users, make_activity):
    activity = make_activity(status=Status.PAUSED, status_reason="Personalbrist")
    services.activity_update(
        user=users["coordinator"], activity=activity, values={"status": Status.ACTIVE}, expected_version=1
    )
    stale = Activity.objects.get(pk=activity.pk)
    with pytest.raises(EditConflict) as conflict:
        services.activity_update(
            user=users["editor"], activity=stale, values={"status_reason": "Annat"}, expected_version=1
        )
    assert [c.field for c in conflict.value.changes] == ["status_reason"]
    activity.refresh_from_db()
    assert (activity.version, activity.status_reason) == (2, "Personalbrist")


def test_a_problem_is_marked_in_every_cell_it_touches_and_all_of_a_dimension_it_leaves_open():
    item = gaps.Item("Metod", "school", ("alcohol",), ("truancy",), "Aktiv", True, True)
    cube = gaps.build_cube(
        [("school", "Skola"), ("family", "Familj")],
        [("alcohol", "Alkohol"), ("doping", "Doping")],
        [("truancy", "Skolk"), ("availability", "Tillgänglighet")],
        [item],
    )
    marked = gaps.mark_problems(
        cube,
        [
            gaps.Mark("Alkohol i skolan", arenas=("school",), areas=("alcohol",), factors=("truancy",)),
            gaps.Mark("Doping", areas=("doping",), factors=("availability",)),  # every arena
        ],
    )
    school, family = cube
    cells = {(t.key, r.key, c.factor): c for t in cube for r in t.rows for c in r.cells}
    assert cells[("school", "alcohol", "truancy")].problems == ["Alkohol i skolan"]
    assert (marked[0].gaps, len(marked[0].cells)) == (0, 1)
    doping = [k for k, c in cells.items() if c.problems == ["Doping"]]
    assert doping == [("school", "doping", "availability"), ("family", "doping", "availability")]
    assert marked[1].gaps == 2
    assert sum(1 for c in cells.values() if c.problems) == 3
    assert (school.empty_cells, family.empty_cells) == (5, 6)
