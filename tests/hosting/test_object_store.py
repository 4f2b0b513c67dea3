"""Object storage on a real SeaweedFS (tests/hosting/conftest.py): backup and restore carry the bucket's
objects, and bad configuration (a missing bucket, refused keys, a replica that is the writable primary)
stops start-up with a message saying what to fix."""

import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from samverka.core import backup
from samverka.hosting.checks import verify_or_raise

User = get_user_model()


def _objects(bucket_client, bucket) -> dict[str, bytes]:
    listing = bucket_client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: bucket_client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listing
    }


def test_backup_and_restore_carry_every_object_of_the_bucket(s3_storage, users, tmp_path):
    client, bucket = s3_storage["client"], s3_storage["bucket"]
    default_storage.save("promises/evidence/kvitto.pdf", ContentFile(b"%PDF-1.7 " + bytes(range(256)) * 30))
    default_storage.save("situation/intervju.docx", ContentFile(b"PK\x03\x04 docx"))
    before = _objects(client, bucket)
    assert set(before) == {"promises/evidence/kvitto.pdf", "situation/intervju.docx"}
    users_before = sorted(User.objects.values_list("username", flat=True))

    archive = tmp_path / "backup.tar.gz"
    manifest = backup.create_backup(archive)
    assert set(manifest["files"]) == set(before)

    # After the backup: an object deleted, one replaced, one added, a record deleted.
    default_storage.delete("situation/intervju.docx")
    default_storage.delete("promises/evidence/kvitto.pdf")
    default_storage.save("promises/evidence/kvitto.pdf", ContentFile(b"changed"))
    default_storage.save("promises/evidence/ny.pdf", ContentFile(b"%PDF-new"))
    User.objects.get(username=users["editor"].username).delete()

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())
    assert _objects(client, bucket) == before
    assert sorted(User.objects.values_list("username", flat=True)) == users_before


def test_a_bucket_that_does_not_exist_stops_start_up(s3_storage, settings):
    settings.S3_SETTINGS = {**settings.S3_SETTINGS, "S3_BUCKET": "no-such-bucket"}
    with pytest.raises(ImproperlyConfigured) as error:
        verify_or_raise()
    assert (
        f"S3_BUCKET='no-such-bucket' does not exist at {s3_storage['endpoint']}. Create it or correct S3_BUCKET."
        in str(error.value)
    )


def test_keys_the_object_store_refuses_stop_start_up(s3_storage, settings):
    settings.S3_SETTINGS = {**settings.S3_SETTINGS, "S3_SECRET_ACCESS_KEY": "wrong-secret"}
    with pytest.raises(ImproperlyConfigured) as error:
        verify_or_raise()
    assert "refuses S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY" in str(error.value)
    assert "Correct the keys" in str(error.value)
    assert "wrong-secret" not in str(error.value)


def test_the_right_bucket_and_keys_start(s3_storage):
    verify_or_raise()  # raises on any problem


@pytest.fixture
def replica_on_the_primary(settings, db):
    """DATABASE_REPLICA_URL set to a writable PostgreSQL database: the primary itself. On a SQLite run,
    the PostgreSQL server of the PostgreSQL run (SAMVERKA_TEST_POSTGRES_URL, set by scripts/test.sh)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        primary = dict(connection.settings_dict)
    else:
        from samverka.env import database_from_url

        url = os.environ.get("SAMVERKA_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        primary = database_from_url(url, name="SAMVERKA_TEST_POSTGRES_URL")
    settings.DATABASES = {
        **settings.DATABASES,
        "replica": {**primary, "ENGINE": "django.db.backends.postgresql"},
    }
    settings.DATABASE_REPLICA_URL = (
        f"postgres://{primary['USER']}:secret@{primary['HOST']}:{primary['PORT']}/x"
    )


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_a_replica_url_pointing_at_the_writable_primary_stops_start_up(replica_on_the_primary):
    with pytest.raises(ImproperlyConfigured) as error:
        verify_or_raise()
    message = str(error.value)
    assert "points at a writable database, not a streaming replica (pg_is_in_recovery() is false)" in message
    assert "Give the replica's address, or unset DATABASE_REPLICA_URL." in message
    assert "secret" not in message
