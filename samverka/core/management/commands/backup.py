"""`samverka backup [--output FILE]`: every record and uploaded file in one .tar.gz (docs/operations.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samverka.core.backup import create_backup, summary


class Command(BaseCommand):
    help = "Write every record and every uploaded file to one archive (restore it with `samverka restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="the archive to write (default: DATA_DIR/backups/samverka-<date>-<time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"samverka-{stamp}.tar.gz"
        manifest = create_backup(Path(output))
        self.stdout.write(f"Backup written to {output}: {summary(manifest)}.")
