"""Recording follow-ups: who may, what is refused, and how the status moves."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.promises.models import FollowUp
from samverka.promises.progress import Status


def follow_up_url(commitment):
    return reverse("promises:follow_up_new", args=[commitment.pk])


def valid(today, **extra):
    return {
        "date": today.isoformat(),
        "description": "Fortbildningskväll för föräldrar och personal.",
        "amount": "1",
        **extra,
    }


def test_the_police_officer_records_a_follow_up_and_the_status_moves_to_on_track(
    active_promise, users, client_for, today
):
    commitment = active_promise.commitments.get()
    assert commitment.progress().status == Status.NOT_STARTED
    response = client_for(users["police"]).post(
        follow_up_url(commitment),
        valid(today, participants="45", reported_for=users["police"].memberships.get().organisation_id),
        follow=True,
    )
    assert response.status_code == 200
    follow_up = FollowUp.objects.get()
    assert follow_up.reported_by == users["police"]
    assert follow_up.reported_for.slug == "lpo-pitea-alvdal"
    assert follow_up.municipality.slug == "arjeplog"
    expected = Status.ACHIEVED if today.month == 12 and today.day == 31 else Status.ON_TRACK
    assert commitment.progress().status in {expected, Status.ON_TRACK}
    assert "Enligt plan" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("outsider", 404), ("county", 403)])
def test_people_outside_arjeplogs_editors_cannot_follow_up_its_commitments(
    active_promise, users, client_for, today, who, status
):
    commitment = active_promise.commitments.get()
    client = client_for(users[who])
    assert client.get(follow_up_url(commitment)).status_code == status
    assert client.post(follow_up_url(commitment), valid(today)).status_code == status
    assert not FollowUp.objects.exists()


def test_a_piteå_editor_guessing_ids_finds_nothing(active_promise, users, client_for, today):
    client = client_for(users["other_editor"])
    commitment = active_promise.commitments.get()
    for guess in [uuid.uuid4(), commitment.pk, active_promise.pk]:
        assert client.post(reverse("promises:follow_up_new", args=[guess]), valid(today)).status_code == 404
        assert client.get(reverse("promises:commitment_edit", args=[guess])).status_code == 404
        assert client.get(reverse("promises:verdict", args=[guess])).status_code == 404
    assert client.get("/loften/atagande/not-a-uuid/uppfoljning/").status_code == 404
    assert not FollowUp.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(active_promise, client):
    response = client.get(follow_up_url(active_promise.commitments.get()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2999-01-01"}, "Datumet ligger i framtiden."),
        ({"date": "inte ett datum"}, "Fyll i ett giltigt datum."),
        ({"description": ""}, "Det här fältet är obligatoriskt."),
        ({"amount": "-3"}, "större än eller lika med 0"),
        ({"evidence_url": "javascript:alert(1)"}, "Ange en giltig URL."),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    active_promise, users, client_for, today, change, message
):
    response = client_for(users["police"]).post(
        follow_up_url(active_promise.commitments.get()), {**valid(today), **change}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()


def test_an_attachment_must_be_small_and_what_its_name_says(
    active_promise, users, client_for, today, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(users["police"])
    url = follow_up_url(active_promise.commitments.get())
    fake = SimpleUploadedFile("bevis.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {**valid(today), "evidence_file": fake})
    assert (
        "Filens innehåll stämmer inte med namnet: det är inte en riktig PDF-fil." in response.content.decode()
    )
    exe = SimpleUploadedFile("bevis.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert (
        "Den här filtypen tas inte emot här."
        in client.post(url, {**valid(today), "evidence_file": exe}).content.decode()
    )
    huge = SimpleUploadedFile("bevis.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    assert "Filen är för stor" in client.post(url, {**valid(today), "evidence_file": huge}).content.decode()
    assert not FollowUp.objects.exists()
    pdf = SimpleUploadedFile("bevis.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    assert client.post(url, {**valid(today), "evidence_file": pdf}).status_code == 302
    assert FollowUp.objects.get().evidence_file.name.endswith(".pdf")
    odt = SimpleUploadedFile(
        "protokoll.odt",
        b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text" + b"\x00" * 20,
    )
    assert client.post(url, {**valid(today), "evidence_file": odt}).status_code == 302


def test_a_draft_promise_takes_no_follow_ups(make_promise, users, client_for, today):
    draft = make_promise("draft")
    response = client_for(users["coordinator"]).post(follow_up_url(draft.commitments.get()), valid(today))
    assert "Uppföljningar kan bara registreras för ett aktivt löfte" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_the_staff_promise_page_shows_status_for_the_owner_only(
    active_promise, users, client_for, django_assert_max_num_queries
):
    client = client_for(users["coordinator"])
    # 20 for the page, 1 for who changed it last, 7 for the header's unread count (notices/inbox.py: the
    # selector's approvals, follow-ups due, action items, partners' follow-ups, notes (and whether they still
    # exist) and counts, scores waiting, and the read state). The place navigation costs none once the
    # session keeps the user's places: the first page of a session fills it (warmed here).
    client.get(active_promise.get_absolute_url())
    with django_assert_max_num_queries(28):
        response = client.get(active_promise.get_absolute_url())
    assert response.status_code == 200
    assert "Inte påbörjat" in response.content.decode()
    assert client_for(users["other_editor"]).get(active_promise.get_absolute_url()).status_code == 404
    assert client_for(users["anonymous"]).get(active_promise.get_absolute_url()).status_code == 302
    assert (
        client_for(users["coordinator"]).get(reverse("promises:promise", args=[uuid.uuid4()])).status_code
        == 404
    )


def test_the_overview_costs_the_same_queries_with_ten_more_promises(
    make_promise, users, client_for, queries_do_not_grow
):
    make_promise("active")
    client = client_for(users["coordinator"])
    queries_do_not_grow(
        lambda: client.get(reverse("promises:overview", args=["arjeplog"])),
        lambda i: make_promise("active" if i % 2 else "draft"),  # drafts are on the staff overview too
        r"/loften/lofte/([0-9a-f-]{36})/",
    )
    assert (
        client_for(users["other_editor"]).get(reverse("promises:overview", args=["arjeplog"])).status_code
        == 404
    )


def test_a_coordinator_creates_a_promise_and_a_commitment_through_the_pages(places, users, client_for):
    client = client_for(users["coordinator"])
    municipality = places["arjeplog"]
    response = client.post(
        reverse("promises:promise_new", args=["arjeplog"]),
        {
            "owner": f"m-{municipality.pk}",
            "title": "Nytt löfte",
            "police_area": places["orgs"]["lpo-pitea-alvdal"].pk,
            "start": "2027-01-01",
            "end": "2028-12-31",
        },
    )
    assert response.status_code == 302
    promise_url = response["Location"]
    pk = promise_url.rstrip("/").split("/")[-1]
    response = client.post(
        reverse("promises:commitment_new", args=[pk]),
        {
            "text": "Tre medborgarmöten per år.",
            "kind": "count",
            "amount": "3",
            "unit": "year",
            "direction": "increase",
        },
    )
    assert response.status_code == 302
    page = client.get(promise_url).content.decode()
    assert "Tre medborgarmöten per år." in page
    assert "3 per år" in page
    bad = client.post(
        reverse("promises:commitment_new", args=[pk]),
        {"text": "Milstolpe", "kind": "milestone", "amount": "1", "unit": "year", "direction": "increase"},
    )
    assert "En milstolpe behöver ett datum." in bad.content.decode()


def test_a_follow_up_for_a_measure_of_an_adopted_plan(places, users, client_for, today):
    from decimal import Decimal

    from samverka.promises import services
    from samverka.promises.models import Target

    plan = services.plan_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        owner_organisation=places["orgs"]["bra-arjeplog"],
        title="BRÅ-plan",
        start=datetime.date(today.year, 1, 1),
        end=datetime.date(today.year, 12, 31),
    )
    measure = services.commitment_save(
        user=users["coordinator"],
        parent=plan,
        text="Uppsökande kvällar",
        target={"kind": Target.Kind.COUNT, "amount": Decimal(2), "unit": Target.Unit.MONTH},
    )
    assert (
        client_for(users["editor"]).post(follow_up_url(measure), valid(today)).status_code == 200
    )  # not adopted
    services.plan_submit(user=users["coordinator"], plan=plan)
    services.plan_approve(user=users["coordinator"], plan=plan, party="municipality")  # its own plan
    assert client_for(users["editor"]).post(follow_up_url(measure), valid(today)).status_code == 302
    assert measure.follow_ups.count() == 1


def test_two_people_editing_one_commitment_get_a_conflict_and_nothing_is_lost(
    active_promise, users, client_for
):
    commitment = active_promise.commitments.get()
    url = reverse("promises:commitment_edit", args=[commitment.pk])
    form = {
        "kind": "count",
        "amount": "1",
        "unit": "year",
        "direction": "increase",
        "opened_at_version": str(commitment.version),
    }
    first = client_for(users["coordinator"]).post(url, {**form, "text": "Första ändringen"})
    assert first.status_code == 302
    second = client_for(users["editor"]).post(url, {**form, "text": "Andra ändringen"})
    assert second.status_code == 200
    text = second.content.decode()
    assert "Första ändringen" in text and "Andra ändringen" in text
    commitment.refresh_from_db()
    assert commitment.text == "Första ändringen"


def test_coordinators_see_the_history_of_a_promise(active_promise, users, client_for):
    url = reverse("history", args=["promises", "promise", active_promise.pk])
    assert client_for(users["coordinator"]).get(url).status_code == 200
    assert client_for(users["other_editor"]).get(url).status_code == 404


def test_the_start_page_lists_follow_ups_due_for_the_people_who_can_record_them(
    make_promise, users, client_for, today
):
    promise = make_promise(
        "active", start=today - datetime.timedelta(days=20), end=today + datetime.timedelta(days=10)
    )
    text = client_for(users["police"]).get("/").content.decode()
    assert "Uppföljningar att göra" in text
    assert reverse("promises:follow_up_new", args=[promise.commitments.get().pk]) in text
    other = client_for(users["other_editor"]).get("/").content.decode()
    assert "Uppföljningar att göra" not in other


def test_the_plan_can_be_edited_by_its_editors_only(places, users, client_for, today):
    from samverka.promises import services

    plan = services.plan_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        owner_organisation=places["orgs"]["bra-arjeplog"],
        title="Plan",
        start=today,
        end=today,
    )
    url = reverse("promises:plan_edit", args=[plan.pk])
    data = {
        "title": "Ny titel",
        "owner_organisation": plan.owner_organisation_id,
        "start": today.isoformat(),
        "end": today.isoformat(),
        "opened_at_version": "1",
    }
    assert client_for(users["other_editor"]).post(url, data).status_code == 404
    assert client_for(users["editor"]).post(url, data).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Ny titel", 2)
