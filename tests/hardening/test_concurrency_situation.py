"""Two editors change the same lägesbild: the second gets a conflict showing what changed; nothing lost."""

from django.test import Client

from tests.hardening.test_concurrency import form_data


def open_form(client, report):
    response = client.get(f"/lagesbild/r/{report.pk}/redigera/")
    assert response.status_code == 200
    return form_data(response.context["form"])


def test_two_editors_of_one_lagesbild_the_second_gets_a_conflict_and_can_then_save(users, situation_demo):
    report = situation_demo["report"]
    anna, erik = Client(), Client()
    anna.force_login(users["coordinator"])
    erik.force_login(users["editor"])
    annas, eriks = open_form(anna, report), open_form(erik, report)

    annas["summary"] = "Alkoholen är fortfarande det största problemet bland unga."
    assert anna.post(f"/lagesbild/r/{report.pk}/redigera/", annas).status_code == 302

    eriks["public_summary"] = "Eriks sammanfattning för invånarna."
    response = erik.post(f"/lagesbild/r/{report.pk}/redigera/", eriks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan sparade den här posten efter att du öppnade den" in html
    assert "Alkoholen är fortfarande det största problemet" in html  # what Anna saved is shown
    assert "Eriks sammanfattning för invånarna." in html  # Erik's edit is still in his form
    changes = {c.field for c in response.context["conflict"].changes}
    assert changes == {"summary"}
    report.refresh_from_db()
    assert report.summary == annas["summary"] and report.public_summary != eriks["public_summary"]

    # Erik takes Anna's summary into his form and saves: both edits are kept.
    resent = form_data(response.context["form"])
    resent["summary"] = annas["summary"]
    assert erik.post(f"/lagesbild/r/{report.pk}/redigera/", resent).status_code == 302
    report.refresh_from_db()
    assert (report.summary, report.public_summary) == (
        annas["summary"],
        "Eriks sammanfattning för invånarna.",
    )
