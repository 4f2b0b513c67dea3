"""`samverka restore FILE [--noinput]`: replace every record and uploaded file with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.core.backup import BackupError, read_manifest, restore_backup, summary


class Command(BaseCommand):
    help = "Replace ALL records and uploaded files with those of an archive made by `samverka backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by `samverka backup`")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, archive, interactive=True, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        try:
            manifest = read_manifest(path)
            self.stdout.write(f"{path}: made {manifest['created']}, {summary(manifest)}.")
            if interactive:
                answer = input("This replaces every record and uploaded file here. Type 'yes' to go on: ")
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"{exc} Nothing was changed.") from exc
        self.stdout.write("Restored.")
