"""The county overview's PDF and workbook as background jobs: the page's buttons start a job, the job's
page offers the file when done, to the person who asked alone."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.jobs.models import Job

EXPORT = "/rapporter/lan/norrbotten/oversikt.{}"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _download(client, job):
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_pdf_button_starts_a_job_whose_page_offers_the_pdf(places, users, client_for, media):
    client = client_for(users["county"])
    page = client.get("/rapporter/lan/norrbotten/").content.decode()
    assert f'<form method="post" action="{EXPORT.format("pdf")}"' in page
    response = client.post(EXPORT.format("pdf"))
    job = Job.objects.get(kind="reports.county_export")
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.status == Job.Status.DONE and job.result["filename"].endswith(".pdf")
    job_page = client.get(response["Location"]).content.decode()
    assert "Länsöversikten för Norrbottens län är klar." in job_page
    assert reverse("jobs:download", args=[job.pk]) in job_page
    pdf = _download(client, job)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Arjeplog" in text and "Kiruna" in text


def test_the_workbook_job_keeps_the_chosen_sorting(places, users, client_for, media):
    client = client_for(users["county"])
    query = "?sort=activities&dir=desc"
    client.post(EXPORT.format("xlsx") + query)
    job = Job.objects.get(kind="reports.county_export")
    assert job.params["query"] == {"sort": ["activities"], "dir": ["desc"]}
    job_page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert (
        '<a href="/rapporter/lan/norrbotten/?sort=activities&amp;dir=desc">Tillbaka till länsöversikten</a>'
        in job_page
    )
    from_job = list(
        openpyxl.load_workbook(io.BytesIO(_download(client, job))).active.iter_rows(values_only=True)
    )
    direct = client.get(EXPORT.format("xlsx") + query)  # the same workbook made in the request
    in_request = list(openpyxl.load_workbook(io.BytesIO(direct.content)).active.iter_rows(values_only=True))
    assert from_job[0][0] == "Kommun" and len(from_job) == 15
    assert from_job == in_request


@pytest.mark.parametrize("who", ["coordinator", "other_editor", "outsider"])
def test_the_report_job_and_its_file_are_for_the_person_who_asked_only(places, users, client_for, media, who):
    client_for(users["county"]).post(EXPORT.format("xlsx"))
    job = Job.objects.get(kind="reports.county_export")
    other = client_for(users[who])
    assert other.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_anonymous_visitors_start_no_job_and_get_no_file(places, users, client_for, media):
    client_for(users["county"]).post(EXPORT.format("pdf"))
    job = Job.objects.get()
    anonymous = client_for(users["anonymous"])
    response = anonymous.post(EXPORT.format("pdf"))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    response = anonymous.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert Job.objects.count() == 1


def test_no_job_for_a_county_without_a_place_of_the_user(places, users, client_for, media):
    assert client_for(users["outsider"]).post(EXPORT.format("pdf")).status_code == 404
    assert not Job.objects.exists()


def test_a_job_run_again_makes_its_file_once(places, users, client_for, media):
    from samverka.jobs import runner

    client = client_for(users["county"])
    client.post(EXPORT.format("xlsx"))
    job = Job.objects.get()
    name = job.file.name
    runner.execute(job.pk)  # delivered again
    job.refresh_from_db()
    assert (job.file.name, job.attempts) == (name, 1)
    assert [p.name for p in (media / "jobs" / "results").iterdir()] == [name.rsplit("/", 1)[-1]]
