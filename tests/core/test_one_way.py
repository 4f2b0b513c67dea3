"""The one way to do each thing the pages share: the scoped place lookup, the organisations of a place,
the edit flow after a conflict, the PDF response."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from samverka.core.models import Collaboration
from samverka.core.pdf import pdf_response
from samverka.core.permissions import ANY_PLACE, Action, county_for, place_for, public_place
from samverka.core.selectors import organisations_of

# --- the scoped lookup -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_editor", "outsider", "anonymous"])
def test_a_place_the_user_may_not_view_is_missing_whatever_the_action(users, who):
    for action in (Action.VIEW, Action.EDIT, Action.PUBLISH):
        with pytest.raises(Http404):
            place_for(users[who], "arjeplog", action)


def test_a_place_the_user_may_view_but_not_change_is_forbidden(users):
    assert place_for(users["county"], "arjeplog").slug == "arjeplog"
    with pytest.raises(PermissionDenied):
        place_for(users["county"], "arjeplog", Action.EDIT)
    assert place_for(users["editor"], "arjeplog", Action.EDIT).slug == "arjeplog"
    with pytest.raises(PermissionDenied):
        place_for(users["editor"], "arjeplog", Action.PUBLISH)


def test_an_unknown_slug_is_missing_even_for_a_superuser(users):
    with pytest.raises(Http404):
        place_for(users["admin"], "finns-inte")


def test_a_collaboration_is_found_only_where_the_page_serves_collaborations(users):
    with pytest.raises(Http404):
        place_for(users["other_editor"], "pite-alvdal")
    found = place_for(users["other_editor"], "pite-alvdal", of=ANY_PLACE)
    assert found.name == "Pite älvdal"
    with pytest.raises(PermissionDenied):
        place_for(users["county"], "pite-alvdal", Action.EDIT, of=ANY_PLACE)
    with pytest.raises(Http404):
        place_for(users["outsider"], "pite-alvdal", of=ANY_PLACE)
    # The catalogue's collaboration pages find only collaborations.
    assert place_for(users["other_editor"], "pite-alvdal", of=(Collaboration,)).name == "Pite älvdal"
    with pytest.raises(Http404):
        place_for(users["admin"], "arjeplog", of=(Collaboration,))


def test_a_county_is_found_for_who_may_view_one_of_its_municipalities(users):
    county, municipalities = county_for(users["county"], "norrbotten")
    assert county.slug == "norrbotten" and "arjeplog" in [m.slug for m in municipalities]
    assert county_for(users["editor"], "norrbotten")[0] == county
    for who in ("outsider", "anonymous"):
        with pytest.raises(Http404):
            county_for(users[who], "norrbotten")
    with pytest.raises(Http404):
        county_for(users["admin"], "finns-inte")


def test_the_public_pages_find_every_municipality_and_nothing_else(places):
    assert public_place("arjeplog").county.slug == "norrbotten"
    with pytest.raises(Http404):
        public_place("pite-alvdal")


# --- the organisations of a place ----------------------------------------------------------------------


def test_the_organisations_of_a_municipality_are_those_working_there_by_name(places):
    names = [o.name for o in organisations_of(places["arjeplog"])]
    assert names == sorted(names)
    slugs = {o.slug for o in organisations_of(places["arjeplog"])}
    assert {"arjeplog-socialtjansten", "lansstyrelsen-norrbotten", "systembolaget"} <= slugs
    assert "pitea-kommun" not in slugs


def test_the_organisations_of_a_collaboration_are_those_taking_part_not_all_of_its_municipalities(places):
    collaboration = places["pite_alvdal"]
    slugs = {o.slug for o in organisations_of(collaboration)}
    assert slugs == {o.slug for o in collaboration.organisations.all()}
    assert {"pitea-kommun", "lpo-pitea-alvdal", "lansstyrelsen-norrbotten"} <= slugs
    # Arjeplog's social services work in a municipality of the collaboration but do not take part in it.
    assert "arjeplog-socialtjansten" not in slugs and "systembolaget" not in slugs


def test_every_form_of_a_collaboration_offers_the_same_organisations(places, users, client_for):
    from samverka.activities.forms import ActivityForm
    from samverka.meetings.forms import MeetingForm
    from samverka.promises import services
    from samverka.promises.forms import PlanForm

    collaboration = places["pite_alvdal"]
    expected = list(organisations_of(collaboration))
    assert (
        list(MeetingForm(owner=collaboration, user=users["coordinator"]).fields["organiser"].queryset)
        == expected
    )
    assert list(PlanForm(owner=collaboration).fields["owner_organisation"].queryset) == expected
    activity_form = ActivityForm(owner=collaboration, can_publish=True)
    assert list(activity_form.fields["organisations"].queryset) == expected
    promise = services.promise_create(
        user=users["admin"],
        owner=collaboration,
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        title="Gemensamt löfte",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    page = client_for(users["admin"]).get(reverse("promises:commitment_new", args=[promise.pk]))
    assert list(page.context["form"].fields["responsible"].queryset) == expected
    text = page.content.decode()
    assert "Länsstyrelsen i Norrbottens län" in text and "Socialtjänsten i Arjeplog" not in text


# --- the PDF response -------------------------------------------------------------------------------------


def test_a_pdf_response_is_a_named_download_of_the_rendered_template(places):
    request = RequestFactory().get("/")
    response = pdf_response(request, "core/welcome.html", {"user": None, "request": None}, "namn.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="namn.pdf"'
    assert response.content.startswith(b"%PDF-")
