"""Background jobs: the indicator import as a job, run once however often it is delivered."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from samverka.indicators.models import ImportRun, Observation
from samverka.jobs import runner
from samverka.jobs.models import Job

CSV = "Indikator;Kommun;År;Kön;Värde\n" + "".join(
    f"JOBB-{i};Arjeplog;{year};Totalt;{i},5\n" for i in range(3) for year in range(2020, 2024)
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _preview(client, data=CSV, name="jobb.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("situation:import", args=["arjeplog"]),
        {"file": SimpleUploadedFile(name, data.encode("utf-8"), "text/csv")},
    )
    return response, ImportRun.objects.get(file_name=name)


def test_confirming_an_import_runs_it_as_a_job_whose_page_shows_the_result(users, client_for):
    client = client_for(users["coordinator"])
    _response, run = _preview(client)
    response = client.post(reverse("situation:import_confirm", args=[run.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.kind, job.municipality.slug) == (Job.Status.DONE, "indicators.import", "arjeplog")
    assert job.result["created"] == 12
    page = client.get(response["Location"]).content.decode()
    assert "Importerade 12 rader: 12 nya, 0 ändrade, 0 oförändrade." in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops reloading
    assert Observation.objects.filter(import_run=run).count() == 12


def test_a_job_delivered_twice_imports_once(users, client_for):
    client = client_for(users["coordinator"])
    _response, run = _preview(client)
    client.post(reverse("situation:import_confirm", args=[run.pk]))
    job = Job.objects.get()
    runner.execute(job.pk)  # a second delivery of the same message
    job.refresh_from_db()
    assert job.attempts == 1  # the second found it done and did not count as an attempt
    assert Observation.objects.filter(import_run=run).count() == 12


def test_two_jobs_for_one_file_import_it_once(users, client_for):
    client = client_for(users["coordinator"])
    _response, run = _preview(client)
    from samverka.indicators import jobs as indicator_jobs

    first = indicator_jobs.import_start(run, user=users["coordinator"])
    second = indicator_jobs.import_start(run, user=users["coordinator"])
    second.refresh_from_db()
    assert first.result["created"] == 12
    assert second.result == {"summary": "Filen är redan importerad.", "run": str(run.pk)}
    assert Observation.objects.filter(import_run=run).count() == 12


def test_a_refused_file_fails_the_job_with_its_row_and_saves_nothing(users, client_for):
    client = client_for(users["coordinator"])
    # Valid for the preview's first rows, refused further down: a value that is not a number.
    data = CSV + "JOBB-9;Arjeplog;2023;Totalt;tolv\n"
    response, run = _preview(client, data, "fel.csv")
    assert response.status_code == 400  # the preview already refuses it...
    run.status, run.payload = ImportRun.Status.PREVIEW, data.encode()
    run.save()  # ...so force it past the preview, as a file changed between preview and job would be
    client.post(reverse("situation:import_confirm", args=[run.pk]))
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "Rad 14" in job.message and "tolv" in job.message
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Jobbet misslyckades; inget sparades." in page
    assert not Observation.objects.filter(import_run=run).exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", 200), ("editor", 404), ("other_editor", 404), ("county", 404), ("police", 404)],
)
def test_the_job_page_is_for_its_starter_and_the_municipalitys_coordinators(users, client_for, who, expected):
    from samverka.core.models import Municipality

    # Started by someone else than the visitor (the editor's own job is the next test).
    starter = users["editor"] if who != "editor" else users["coordinator"]
    job = Job.objects.create(
        kind="indicators.import", municipality=Municipality.objects.get(slug="arjeplog"), created_by=starter
    )
    response = client_for(users[who]).get(reverse("jobs:job", args=[job.pk]))
    assert response.status_code == expected


def test_the_starter_sees_their_job_and_anonymous_visitors_are_sent_to_log_in(users, client_for):
    from samverka.core.models import Municipality

    job = Job.objects.create(
        kind="indicators.import",
        municipality=Municipality.objects.get(slug="arjeplog"),
        created_by=users["editor"],
    )
    response = client_for(users["editor"]).get(reverse("jobs:job", args=[job.pk]) + "?format=json")
    assert response.json()["status"] == "queued"
    response = client_for(users["anonymous"]).get(reverse("jobs:job", args=[job.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_a_running_job_shows_its_progress_and_reloads(users, client_for):
    from samverka.core.models import Municipality

    job = Job.objects.create(
        kind="indicators.import",
        municipality=Municipality.objects.get(slug="arjeplog"),
        created_by=users["editor"],
    )
    runner._reporter(job.pk)(4000, 10000)
    page = client_for(users["editor"]).get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "4000 av 10000 klara" in page.replace("\xa0", "").replace(" 000", "000")


def test_a_silent_queued_job_is_sent_again_and_a_live_one_is_left(users, settings, client_for):
    client = client_for(users["coordinator"])
    _response, run = _preview(client)
    from django.utils import timezone

    long_ago = timezone.now() - timezone.timedelta(seconds=settings.JOB_STALE_SECONDS + 5)
    # As if its worker had died: queued, sent long ago, no heartbeat.
    silent = Job.objects.create(
        kind="indicators.import",
        params={"run": str(run.pk)},
        sent_at=long_ago,
        created_by=users["coordinator"],
    )
    live = Job.objects.create(kind="indicators.import", params={"run": str(run.pk)}, sent_at=long_ago)
    cache.set(f"job:{live.pk}:progress", {"done": 2000, "total": None, "at": time.time()})
    assert runner.requeue_stale() == 1
    silent.refresh_from_db()
    live.refresh_from_db()
    assert (silent.status, silent.result["created"]) == (Job.Status.DONE, 12)
    assert live.status == Job.Status.QUEUED


def test_the_job_writes_only_the_starters_places_and_says_what_it_left_out(users, client_for):
    client = client_for(users["coordinator"])
    data = CSV + "JOBB-9;Piteå;2023;Totalt;1,0\nJOBB-9;Norrbottens län;2023;Totalt;2,0\n"
    response, run = _preview(client, data, "andras.csv")
    assert "Piteå (2581): 1 rad (radnummer 14)" in response.content.decode()
    client.post(reverse("situation:import_confirm", args=[run.pk]))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    assert "2 rader för platser du inte redigerar lämnades utanför." in job.result["summary"]
    assert set(Observation.objects.filter(import_run=run).values_list("place__code", flat=True)) == {"2506"}
