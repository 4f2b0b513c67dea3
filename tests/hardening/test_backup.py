"""`samverka backup` and `samverka restore`: a round trip brings back every record and file, identical."""

import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command

from samverka.activities.models import Activity
from samverka.core import backup
from samverka.core.models import Organisation


def snapshot() -> dict[str, list]:
    """Every row of every backed-up model, serialised with natural foreign keys, in primary key order."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backup._models()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "rapporter" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "rapporter" / "2026" / "lägesbild årsrapport.pdf").write_bytes(
        b"%PDF-1.7 " + bytes(range(256)) * 40
    )
    (settings.MEDIA_ROOT / "intervju.docx").write_bytes(b"PK\x03\x04 docx")
    return settings.MEDIA_ROOT


@pytest.fixture
def everything(users, catalogue, media):
    """The demo places, users, catalogue and a few uploaded files, with some history."""
    activity = next(iter(catalogue.values()))
    activity.frequency = "varje vecka"
    activity.save()
    return catalogue


def test_a_backup_restores_every_record_and_file_identically(everything, media, tmp_path):
    before, files_before = snapshot(), backup.media_files()
    assert sum(len(rows) for rows in before.values()) > 100 and len(files_before) == 2
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "Backup written to" in out.getvalue()

    # Life goes on after the backup: records deleted, changed and added, files replaced.
    Activity.objects.first().delete()
    Organisation.objects.filter(slug="systembolaget").update(name="Ändrat namn")
    get_user_model().objects.create_user("ny-efter-backup", password="x")
    (media / "intervju.docx").unlink()
    (media / "ny.pdf").write_bytes(b"%PDF-new")
    assert snapshot() != before

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())
    after = snapshot()
    for label in before:
        assert after[label] == before[label], label
    assert backup.media_files() == files_before
    assert not media.with_name("media.before-restore").exists()


def test_the_archive_lists_counts_migrations_and_file_checksums(everything, tmp_path):
    manifest = backup.create_backup(tmp_path / "b.tar.gz")
    assert manifest["format"] == "samverka-backup-1"
    assert manifest["counts"]["activities.activity"] == Activity.objects.count() > 0
    assert ["core", "0001_initial"] in manifest["migrations"]
    assert set(manifest["files"]) == {"rapporter/2026/lägesbild årsrapport.pdf", "intervju.docx"}
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        names = set(archive.getnames())
        data = [json.loads(line) for line in archive.extractfile(backup.DATA_NAME)]
    assert {"manifest.json", backup.DATA_NAME, "media/intervju.docx"} <= names
    assert not any(row["model"] in {"contenttypes.contenttype", "sessions.session"} for row in data)


def test_restoring_a_broken_archive_changes_nothing(everything, tmp_path):
    before = snapshot()
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a Samverka backup.*Nothing was changed"):
        call_command("restore", str(broken), interactive=False)
    assert snapshot() == before


def test_an_archive_whose_data_does_not_load_changes_nothing(everything, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    before, files_before = snapshot(), backup.media_files()
    # Tamper with the data: the load fails half-way, and the transaction puts everything back.
    with tarfile.open(archive) as original:
        members = {m.name: original.extractfile(m).read() for m in original.getmembers() if m.isfile()}
    rows = [json.loads(line) for line in members[backup.DATA_NAME].splitlines()]
    rows[-1]["fields"] = {"no_such_field": 1}
    members[backup.DATA_NAME] = "\n".join(json.dumps(row) for row in rows).encode()
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as out:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            out.addfile(info, io.BytesIO(payload))
    with pytest.raises(Exception):  # noqa: B017 - whatever loaddata raises, nothing may change
        backup.restore_backup(tampered)
    assert snapshot() == before
    assert backup.media_files() == files_before


def test_an_archive_from_another_schema_is_refused(everything, tmp_path, monkeypatch):
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    monkeypatch.setattr(backup, "applied_migrations", lambda: [["activities", "0099_future"]])
    with pytest.raises(CommandError, match="schema differs"):
        call_command("restore", str(archive), interactive=False)


def test_restore_asks_before_replacing_everything(everything, tmp_path, monkeypatch):
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    monkeypatch.setattr("builtins.input", lambda prompt: "nej")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), stdout=io.StringIO())
