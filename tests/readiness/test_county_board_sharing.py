"""Finding 11 of issue 17: the "shared with the county board" flag decides what the county board sees of an
assessment, everywhere: the staff pages, the PDF, the JSON, the API, lists and county overviews. Without
it, the county board sees only what the public sees."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.readiness import services
from samverka.readiness.models import Assessment

pytestmark = pytest.mark.django_db

MARK = "Ungas spelvanor, ej delad med länsstyrelsen"


def text_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def unshared(readiness):
    """Arjeplog's completed assessment, neither published nor shared with the county board."""
    done = readiness["done"]
    Assessment.objects.filter(pk=done.pk).update(issue=MARK, published=False, shared_with_county=False)
    return readiness


def detail_urls(assessment):
    return [
        reverse("readiness:detail", args=[assessment.pk]),
        reverse("readiness:report", args=[assessment.pk]),
        reverse("readiness:result_json", args=[assessment.pk]),
        reverse("readiness:compare", args=[assessment.pk]),
        f"/api/v1/readiness/{assessment.pk}/",
    ]


def test_the_county_board_gets_nothing_of_an_unshared_completed_assessment(unshared, users, client_for):
    client = client_for(users["county"])
    for url in detail_urls(unshared["done"]):
        response = client.get(url)
        assert response.status_code == 404, url
        assert MARK not in text_of(response), url


def test_the_county_board_gets_nothing_of_an_ongoing_assessment(readiness, users, client_for):
    client = client_for(users["county"])
    ongoing = readiness["ongoing"]
    for url in [
        reverse("readiness:detail", args=[ongoing.pk]),
        reverse("readiness:interview", args=[readiness["ongoing_interview"].pk]),
        f"/api/v1/readiness/{ongoing.pk}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_lists_and_county_overviews_leave_out_what_was_not_shared(unshared, users, client_for):
    client = client_for(users["county"])
    done, ongoing = unshared["done"], unshared["ongoing"]
    for url in [
        reverse("readiness:list", args=["arjeplog"]),
        reverse("readiness:county", args=["norrbotten"]),
        reverse("readiness:county", args=["norrbotten"]) + "?format=csv",
        reverse("reports:county", args=["norrbotten"]),
        "/api/v1/readiness/?limit=100",
    ]:
        text = text_of(client.get(url))
        assert MARK not in text and str(done.pk) not in text, url
        assert ongoing.issue not in text and str(ongoing.pk) not in text, url


def test_the_municipality_itself_still_sees_its_unshared_result(unshared, users, client_for):
    client = client_for(users["coordinator"])
    assert MARK in text_of(client.get(reverse("readiness:detail", args=[unshared["done"].pk])))
    assert MARK in text_of(client.get(reverse("readiness:list", args=["arjeplog"])))
    assert client.get(f"/api/v1/readiness/{unshared['done'].pk}/").json()["result"] is not None


def test_once_shared_the_county_board_reads_the_result_and_its_pdf(unshared, users, client_for):
    done = unshared["done"]
    services.assessment_publish(
        user=users["coordinator"], assessment=done, published=False, shared_with_county=True
    )
    client = client_for(users["county"])
    assert MARK in text_of(client.get(reverse("readiness:detail", args=[done.pk])))
    assert MARK in text_of(client.get(reverse("readiness:county", args=["norrbotten"])))
    pdf = client.get(reverse("readiness:report", args=[done.pk]))
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    assert MARK in "".join(p.extract_text() for p in pages).replace("\n", " ")
    assert client.get(f"/api/v1/readiness/{done.pk}/").json()["result"]["stage"] >= 1


def test_reopening_an_assessment_withdraws_it_from_the_county_board(unshared, users, client_for):
    done = unshared["done"]
    services.assessment_publish(
        user=users["coordinator"], assessment=done, published=False, shared_with_county=True
    )
    services.assessment_complete(user=users["coordinator"], assessment=done, completed=False)
    done.refresh_from_db()
    assert done.shared_with_county is False
    assert client_for(users["county"]).get(reverse("readiness:detail", args=[done.pk])).status_code == 404


def test_another_municipality_does_not_see_a_result_shared_only_with_the_county_board(
    unshared, users, client_for
):
    done = unshared["done"]
    services.assessment_publish(
        user=users["coordinator"], assessment=done, published=False, shared_with_county=True
    )
    client = client_for(users["other_editor"])
    text = text_of(client.get(reverse("reports:county", args=["norrbotten"])))
    assert str(done.pk) not in text and MARK not in text


def test_the_staff_lagesbild_shows_the_county_board_only_a_shared_result(places, users, client_for):
    import os

    from django.core.management import call_command

    from samverka.situation.models import SituationReport

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    report = SituationReport.objects.get(title="Lägesbild Arjeplog 2023")
    Assessment.objects.filter(municipality__slug="arjeplog", completed=True).update(
        issue=MARK, published=False, shared_with_county=False
    )
    url = reverse("situation:report", args=[report.pk])
    text = text_of(client_for(users["county"]).get(url))
    assert "lagesbild-part" in text and MARK not in text
    Assessment.objects.filter(issue=MARK).update(shared_with_county=True)
    assert MARK in text_of(client_for(users["county"]).get(url))
