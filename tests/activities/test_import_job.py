"""The catalogue import as a background job: the confirmation starts one job, its page shows the result,
and confirming the same preview twice saves the rows once."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.activities.spreadsheet import HEADERS
from samverka.jobs import runner
from samverka.jobs.models import Job

IMPORT = reverse("activities:import", args=["arjeplog"])


def _csv(titles):
    lines = [";".join(HEADERS)] + [
        ";".join({"titel": t, "arena": "Skola"}.get(h, "") for h in HEADERS) for t in titles
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def _preview(client, titles):
    response = client.post(IMPORT, {"file": SimpleUploadedFile("katalog.csv", _csv(titles))})
    return response.context["payload"]


def test_confirming_starts_a_job_whose_page_shows_what_was_imported(places, users, client_for):
    client = client_for(users["coordinator"])
    payload = _preview(client, ["Jobbaktivitet A", "Jobbaktivitet B"])
    response = client.post(IMPORT, {"payload": payload})
    job = Job.objects.get(kind="activities.import")
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.result["created"], job.municipality.slug) == (Job.Status.DONE, 2, "arjeplog")
    page = client.get(response["Location"]).content.decode()
    assert "Importerat: 2 nya aktiviteter och 0 uppdaterade." in page
    assert "Import av aktiviteter: katalog.csv" in page
    assert reverse("activities:municipality", args=["arjeplog"]) in page
    assert Activity.objects.filter(title__startswith="Jobbaktivitet").count() == 2


def test_the_same_preview_confirmed_twice_and_the_job_run_again_import_once(places, users, client_for):
    client = client_for(users["coordinator"])
    payload = _preview(client, ["Dubbelklick"])
    client.post(IMPORT, {"payload": payload})
    client.post(IMPORT, {"payload": payload})  # a double click
    job = Job.objects.get(kind="activities.import")
    runner.execute(job.pk)  # and the broker delivering it again
    assert Activity.objects.filter(title="Dubbelklick").count() == 1
    job.refresh_from_db()
    assert job.attempts == 1


def test_the_import_job_page_is_not_for_another_municipality_or_anonymous(places, users, client_for):
    client = client_for(users["coordinator"])
    client.post(IMPORT, {"payload": _preview(client, ["Egen"])})
    job = Job.objects.get(kind="activities.import")
    url = reverse("jobs:job", args=[job.pk])
    assert client_for(users["other_editor"]).get(url).status_code == 404
    assert client_for(users["county"]).get(url).status_code == 404
    response = client_for(users["anonymous"]).get(url)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_the_job_reports_its_progress_row_by_row(places, users, client_for, monkeypatch):
    seen = []
    original = runner._reporter

    def recording(job_id):
        report = original(job_id)

        def progress(done, total=None):
            seen.append((done, total))
            report(done, total)

        return progress

    monkeypatch.setattr(runner, "_reporter", recording)
    client = client_for(users["coordinator"])
    client.post(IMPORT, {"payload": _preview(client, ["Ett", "Två", "Tre"])})
    assert seen == [(0, None), (1, 3), (2, 3), (3, 3)]
