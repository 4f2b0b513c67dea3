"""Two editors change the same commitment of a citizen promise: a conflict, shown, nothing lost."""

from django.test import Client

from tests.hardening.test_concurrency import form_data


def open_form(client, commitment):
    response = client.get(f"/loften/atagande/{commitment.pk}/andra/")
    assert response.status_code == 200
    return form_data(response.context["form"])


def test_two_editors_of_one_commitment_the_second_gets_a_conflict_and_can_then_save(users, make_promise):
    promise = make_promise("draft")
    commitment = promise.commitments.get()
    anna, erik = Client(), Client()
    anna.force_login(users["coordinator"])
    erik.force_login(users["editor"])
    annas, eriks = open_form(anna, commitment), open_form(erik, commitment)

    annas["text"] = "Polis och socialtjänst fortbildar föräldrar två gånger per år."
    assert anna.post(f"/loften/atagande/{commitment.pk}/andra/", annas).status_code == 302

    eriks["text"] = "Polisen fortbildar elever en gång per termin."
    response = erik.post(f"/loften/atagande/{commitment.pk}/andra/", eriks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan sparade den här posten efter att du öppnade den" in html
    assert "två gånger per år" in html  # what Anna saved is shown ...
    assert "en gång per termin" in html  # ... and Erik's text is still in his form
    commitment.refresh_from_db()
    assert commitment.text == annas["text"]

    # Having seen Anna's text, Erik saves his own deliberately: it goes through.
    resent = form_data(response.context["form"])
    response = erik.post(f"/loften/atagande/{commitment.pk}/andra/", resent)
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.text == "Polisen fortbildar elever en gång per termin."
    assert commitment.history.count() >= 3
