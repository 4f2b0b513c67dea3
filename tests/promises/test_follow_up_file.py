"""A follow-up's attachment leaves only through the permission-checked view (streamed from the local disk;
in S3 mode a signed URL, which scripts/cluster-test.sh tries against a real object store)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.promises import services
from samverka.promises.models import PromiseState

EVIDENCE = b"%PDF-1.4 evidence of the parents' evening"


@pytest.fixture
def follow_up(make_promise, users, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    promise = make_promise("active")
    return services.follow_up_create(
        user=users["coordinator"],
        commitment=promise.commitments.get(),
        date=today,
        description="Föräldramöte",
        evidence_file=SimpleUploadedFile("bevis.pdf", EVIDENCE, content_type="application/pdf"),
    )


def _get(client, follow_up):
    return client.get(reverse("promises:follow_up_file", args=[follow_up.pk]))


@pytest.mark.parametrize("who", ["coordinator", "editor", "police", "county"])
def test_those_who_may_view_the_follow_up_get_the_file(follow_up, users, client_for, who):
    response = _get(client_for(users[who]), follow_up)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EVIDENCE
    assert response["Content-Disposition"] == 'attachment; filename="bevis.pdf"'
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["other_editor", "outsider", "anonymous"])
def test_others_are_refused_while_the_promise_is_not_public(follow_up, users, client_for, who):
    follow_up.commitment.promise.__class__.objects.filter(pk=follow_up.commitment.promise_id).update(
        state=PromiseState.AWAITING_SIGNOFF
    )
    response = _get(client_for(users[who]), follow_up)
    assert response.status_code == 404
    assert EVIDENCE not in response.content


def test_anyone_gets_the_file_of_a_public_promise(follow_up, users, client_for):
    response = _get(client_for(users["anonymous"]), follow_up)
    assert b"".join(response.streaming_content) == EVIDENCE


def test_the_public_page_links_to_the_view_not_to_the_storage(follow_up, client):
    page = client.get(
        reverse("public:promises_public:promise", args=["arjeplog", follow_up.commitment.promise_id])
    ).content.decode()
    assert reverse("promises:follow_up_file", args=[follow_up.pk]) in page
    assert "/media/" not in page
