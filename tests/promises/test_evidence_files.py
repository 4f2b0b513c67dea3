"""Issue 17 finding 3: attachments are stored under random names and handed out only by views that check
the record's permission (public only once the promise is public), never from a media URL."""

import importlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

from samverka.promises import services
from samverka.promises.models import Promise, PromiseState

PDF = b"%PDF-1.4 beviset om fortbildningen"


@pytest.fixture
def follow_up(active_promise, users, settings, tmp_path, today):
    settings.MEDIA_ROOT = tmp_path
    return services.follow_up_create(
        user=users["police"],
        commitment=active_promise.commitments.get(),
        date=today,
        description="Fortbildningskväll.",
        amount=1,
        evidence_file=SimpleUploadedFile("Närvarolista möte.pdf", PDF, content_type="application/pdf"),
    )


def public_url(follow_up):
    return reverse("public:promises_public:evidence", args=["arjeplog", follow_up.pk])


def staff_url(follow_up):
    return reverse("promises:evidence", args=[follow_up.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_attachment_is_stored_under_a_random_name_keeping_its_own_name_for_the_download(follow_up):
    assert re.fullmatch(r"promises/evidence/[0-9a-f]{32}\.pdf", follow_up.evidence_file.name)
    assert follow_up.evidence_name == "Närvarolista möte.pdf"


def test_the_public_downloads_an_attachment_of_a_public_promise_with_its_name_and_type(
    follow_up, active_promise, client
):
    page = client.get(reverse("public:promises_public:promise", args=["arjeplog", active_promise.pk]))
    assert public_url(follow_up) in page.content.decode()
    assert "/media/" not in page.content.decode()
    response = client.get(public_url(follow_up))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''N%C3%A4rvarolista%20m%C3%B6te.pdf" in response["Content-Disposition"]


def test_an_attachment_of_a_promise_that_is_not_public_is_not_found(follow_up, active_promise, client):
    Promise.objects.filter(pk=active_promise.pk).update(state=PromiseState.DRAFT, approved_version=None)
    response = client.get(public_url(follow_up))
    assert response.status_code == 404
    assert PDF not in response.content


def test_an_attachment_is_not_found_under_another_municipalitys_address(follow_up, client):
    response = client.get(reverse("public:promises_public:evidence", args=["pitea", follow_up.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "editor", "police", "county"])
def test_staff_who_may_view_the_follow_up_download_its_attachment(follow_up, users, client_for, who):
    response = client_for(users[who]).get(staff_url(follow_up))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["other_editor", "outsider"])
def test_staff_of_another_place_do_not_get_the_attachment(follow_up, active_promise, users, client_for, who):
    Promise.objects.filter(pk=active_promise.pk).update(state=PromiseState.DRAFT, approved_version=None)
    response = client_for(users[who]).get(staff_url(follow_up))
    assert response.status_code == 404
    assert PDF not in response.content


def test_anonymous_is_sent_to_log_in_for_the_staff_address(follow_up, users, client_for):
    response = client_for(users["anonymous"]).get(staff_url(follow_up))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_no_media_url_is_served_even_with_debug():
    import samverka.urls

    try:
        with override_settings(DEBUG=True):
            module = importlib.reload(samverka.urls)
            with pytest.raises(Resolver404):
                resolve("/media/promises/evidence/bevis.pdf", urlconf=module)
    finally:
        importlib.reload(samverka.urls)
