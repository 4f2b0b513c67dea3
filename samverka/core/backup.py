"""Backup and restore: every record and every uploaded file in one archive (see docs/operations.md).

An archive is a .tar.gz holding
    manifest.json   format, time, Samverka's migrations, row counts per model, SHA-256 of every file
    data.samverka_jsonl  every record, by Django's dumpdata with natural foreign keys (so content types and
                    permissions, which `migrate` recreates, are referred to by name, not by id)
    media/...       the uploaded files (MEDIA_ROOT, or every object of the S3 bucket when S3_* is set)

The dump is read inside one read-only REPEATABLE READ transaction on PostgreSQL (one snapshot of all
tables while the site keeps running); on SQLite one transaction holds a shared lock for the same effect.
The same archive restores into SQLite or PostgreSQL, so it also moves an installation between them.

Restore replaces everything in one transaction: flush, load, check the counts against the manifest; if
anything fails, the database is left as it was. Uploaded files are swapped in only after the database
part has committed. In S3 mode the objects are written to the bucket after the commit and objects the
archive does not hold are deleted last, so no record points at a missing file in between.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

from samverka.core import backup_format

FORMAT = "samverka-backup-1"
DATA_NAME = f"data.{backup_format.NAME}"
serializers.register_serializer(backup_format.NAME, "samverka.core.backup_format")
# Rebuilt by `migrate` (content types, permissions) or transient (sessions): not part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "hosting"]  # hosting: the page cache's version


class BackupError(Exception):
    pass


def _models():
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        yield model


def counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in _models()}


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> dict[str, str]:
    """{relative path: sha256} of every uploaded file."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def _bucket_names() -> list[str]:
    """Every object's name in the S3 bucket (django-storages' names, without its `location` prefix)."""
    from django.core.files.storage import default_storage

    prefix = default_storage.location.strip("/")
    prefix = f"{prefix}/" if prefix else ""
    return sorted(
        obj.key[len(prefix) :] for obj in default_storage.bucket.objects.filter(Prefix=prefix) if obj.key
    )


def _download_bucket(target: Path) -> None:
    from django.core.files.storage import default_storage

    for name in _bucket_names():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, path.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)


def _upload_bucket(source: Path, files: dict[str, str]) -> None:
    from django.core.files import File
    from django.core.files.storage import default_storage

    for name in files:
        # Samverka's S3 storage never overwrites (file_overwrite False): the old object goes first.
        if default_storage.exists(name):
            default_storage.delete(name)
        with (source / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"The object store stored {name} as {saved}.")
    for name in set(_bucket_names()) - set(files):
        default_storage.delete(name)


@contextmanager
def _one_snapshot():
    """A transaction that sees one consistent snapshot of every table."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def create_backup(output: Path) -> dict:
    """Write an archive of every record and uploaded file to `output`; returns the manifest."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samverka-backup-") as work:
        data_path = Path(work) / DATA_NAME
        with _one_snapshot():
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                format=backup_format.NAME,
                output=str(data_path),
                verbosity=0,
            )
            record_counts = counts()
            migrations = applied_migrations()
        if settings.S3_ENABLED:
            media_root = Path(work) / "media"
            media_root.mkdir()
            _download_bucket(media_root)
        else:
            media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": migrations,
            "counts": record_counts,
            "files": files,
        }
        partial = output.with_name(output.name + ".tmp")
        with tarfile.open(partial, "w:gz") as archive:
            payload = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            archive.add(data_path, arcname=DATA_NAME)
            for name in files:
                archive.add(media_root / name, arcname=f"media/{name}")
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive_path} is not a Samverka backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} has format {manifest.get('format')!r}, expected {FORMAT!r}.")
    return manifest


def restore_backup(archive_path: Path) -> dict:
    """Replace every record and uploaded file with the archive's. Returns the manifest."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    here = applied_migrations()
    there = manifest["migrations"]
    if here != there:
        missing = [m for m in there if m not in here]
        extra = [m for m in here if m not in there]
        raise BackupError(
            "The database schema differs from the backup's. Restore with the Samverka version that made "
            f"the backup, then upgrade. Not applied here: {missing[:5]}; not in the backup: {extra[:5]}."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samverka-restore-", dir=media_root.parent) as work:
        work = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        new_media = work / "media"
        new_media.mkdir(exist_ok=True)
        found = media_files(new_media)
        if found != manifest["files"]:
            raise BackupError("The uploaded files in the archive do not match its manifest.")
        # History rows come from the archive: no new ones for the records being loaded (loaddata sets
        # many-to-many relations, which django-simple-history would otherwise record again).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            _check_pending_constraints()
            call_command("flush", interactive=False, verbosity=0)
            _defer_constraints()
            call_command("loaddata", str(work / DATA_NAME), verbosity=0)
            restored = counts()
            if restored != manifest["counts"]:
                diff = {
                    k: (v, restored.get(k)) for k, v in manifest["counts"].items() if restored.get(k) != v
                }
                raise BackupError(f"The restored records do not match the backup's counts: {diff}")
        if settings.S3_ENABLED:
            _upload_bucket(new_media, found)
            return manifest
        old = media_root.with_name(media_root.name + ".before-restore")
        if old.exists():
            shutil.rmtree(old)
        if media_root.exists():
            media_root.rename(old)
        new_media.rename(media_root)
        if old.exists():
            shutil.rmtree(old)
    return manifest


def _check_pending_constraints():
    """PostgreSQL refuses to TRUNCATE with deferred checks pending (writes earlier in the transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _defer_constraints():
    """Back to Django's default, so loaddata may insert rows before the rows they point to."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def summary(manifest: dict) -> str:
    totals = Counter()
    for label, number in manifest["counts"].items():
        totals[label.split(".")[0]] += number
    parts = ", ".join(f"{app} {number}" for app, number in sorted(totals.items()) if number)
    return f"{sum(totals.values())} records ({parts}); {len(manifest['files'])} files"
