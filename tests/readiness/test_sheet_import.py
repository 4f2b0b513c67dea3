"""An uploaded score sheet waits for confirmation as a SheetImport row: owned by its uploader, expiring,
removed once imported; never in the session."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samverka.readiness.models import Assessment, ConsensusScore, SheetImport
from tests.readiness.sheets import csv_bytes, good_rows


@pytest.fixture
def upload(readiness, users, client_for):
    """The coordinator has uploaded a good sheet for the ongoing assessment and seen its preview."""
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    client = client_for(users["coordinator"])
    rows = [[r[0], r[1], r[2], ""] for r in good_rows() if not r[3]]
    preview = client.post(
        reverse("readiness:import", args=[assessment.pk]),
        {"sheet": SimpleUploadedFile("poang.csv", csv_bytes(rows))},
    )
    assert preview.context["preview"] is not None
    return assessment


AGREED = 6  # the demo's interview 1 of the ongoing assessment is agreed on all six dimensions


def _consensus(assessment) -> int:
    return ConsensusScore.objects.filter(interview__assessment=assessment).count()


def test_the_preview_keeps_the_file_as_a_row_owned_by_the_uploader_not_in_the_session(upload, users, client):
    stored = SheetImport.objects.get()
    assert stored.assessment_id == upload.pk and stored.created_by == users["coordinator"]
    assert stored.file_name == "poang.csv" and bytes(stored.data).startswith(b"interview")
    assert stored.expires_at - stored.created_at == pytest.approx(
        datetime.timedelta(hours=1), abs=datetime.timedelta(seconds=5)
    )
    assert not any("import" in key for key in client.session.keys())
    assert _consensus(upload) == AGREED


def test_confirming_imports_the_kept_file_and_removes_it(upload, users, client_for):
    response = client_for(users["coordinator"]).post(
        reverse("readiness:import", args=[upload.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert _consensus(upload) == AGREED + 9 * 6
    assert not SheetImport.objects.exists()


def test_another_manager_cannot_confirm_the_uploaders_file(upload, users, client_for):
    response = client_for(users["admin"]).post(
        reverse("readiness:import", args=[upload.pk]), {"confirm": "1"}
    )
    assert response.status_code == 200 and response.context["preview"] is None
    assert list(response.context["form"].errors) == ["sheet"]  # asked for a file: there is none to confirm
    assert _consensus(upload) == AGREED
    assert SheetImport.objects.filter(created_by=users["coordinator"]).count() == 1


def test_an_expired_upload_is_not_imported_and_is_cleared_by_the_next_upload(upload, users, client_for):
    SheetImport.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client = client_for(users["coordinator"])
    response = client.post(reverse("readiness:import", args=[upload.pk]), {"confirm": "1"})
    assert response.status_code == 200 and _consensus(upload) == AGREED
    rows = [[r[0], r[1], r[2], ""] for r in good_rows() if not r[3]]
    client.post(
        reverse("readiness:import", args=[upload.pk]),
        {"sheet": SimpleUploadedFile("ny.csv", csv_bytes(rows))},
    )
    assert list(SheetImport.objects.values_list("file_name", flat=True)) == ["ny.csv"]
