"""`samverka import-indicators FILE [FILE ...] [--dry-run]`: import Kolada JSON or a survey table.

Several files are read as consecutive pages of one Kolada answer. The whole import is one transaction:
a malformed row anywhere saves nothing, and the message names the file, row or character position.
"""

import os
from contextlib import ExitStack

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.core import tabular
from samverka.indicators import importing
from samverka.indicators.models import ImportRun
from samverka.indicators.parsing import ImportFileError, sniff_format


class Command(BaseCommand):
    help = "Import indicator values from Kolada JSON (one file or several pages) or a CSV/XLSX table."
    # a data command: the system checks (seconds of start-up, URL and template loading) are for serving
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, then save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")
        parser.add_argument(
            "--max-rows",
            type=int,
            default=10_000_000,
            help="Refuse a table with more rows (the upload page's limit is SAMVERKA_UPLOAD_MAX_ROWS).",
        )
        parser.add_argument(
            "--max-seconds", type=int, default=3600, help="Refuse a table that takes longer to read."
        )

    def handle(self, *args, files, dry_run, no_progress, max_rows, max_seconds, **options):
        for name in files:
            if not os.path.isfile(name):
                raise CommandError(f"{name}: no such file")
        with open(files[0], "rb") as first:
            file_format = sniff_format(first.read(64), files[0])
        if file_format == "table" and len(files) > 1:
            raise CommandError("Give one table at a time (several files are read as Kolada pages).")
        total_bytes = sum(os.path.getsize(name) for name in files)
        run = importing.import_run_create(
            user=None,
            municipality=None,
            file_name=", ".join(os.path.basename(f) for f in files)[:255],
            file_format=file_format,
            data=None,
        )
        with ExitStack() as stack:
            if file_format == "kolada":
                streams = [stack.enter_context(open(name, "rb")) for name in files]  # noqa: SIM115
                done_before = [0]

                def position():
                    read = 0
                    for stream in streams:
                        if stream.closed:
                            continue
                        read += stream.tell()
                    return read

                rows = importing.parse_file(streams, file_format="kolada")
                # Kolada files: the bar follows the bytes read, since the row count is known only at the end.
                bar = tqdm(
                    total=total_bytes,
                    unit="B",
                    unit_scale=True,
                    file=self.stderr._out,
                    ascii=False,  # block characters even into a pipe or a log file, not '#'
                    disable=no_progress,
                )
            else:
                # read a chunk at a time, never whole: memory stays flat whatever the size of the file
                handle = stack.enter_context(open(files[0], "rb"))  # noqa: SIM115
                lines = max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")), 1)
                handle.seek(0)
                # the operator's own file on the server: its limits, not the upload page's
                limits = tabular.default_limits().but(max_rows=max_rows, max_seconds=max_seconds)
                rows = importing.parse_file(handle, file_format="table", filename=files[0], limits=limits)
                done_before = None
                bar = tqdm(total=lines, unit="rows", file=self.stderr._out, ascii=False, disable=no_progress)
            stack.callback(bar.close)

            def progress(done):
                if done_before is not None:
                    bar.set_postfix_str(f"{done:,} rows", refresh=False)
                    bar.update(min(position(), total_bytes) - bar.n)
                else:
                    bar.update(min(done, lines) - bar.n)

            try:
                result = importing.observations_import(
                    rows,
                    run=run,
                    source=importing.source_for(file_format),
                    # run by the operator on the server: an administrator's import, every place
                    scope=importing.EVERYWHERE,
                    dry_run=dry_run,
                    progress=progress,
                )
            except ImportFileError as exc:
                ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, message=str(exc))
                raise CommandError(f"{run.file_name}: {str(exc).rstrip('.')}. Nothing was saved.") from exc
            if done_before is not None:
                bar.set_postfix_str(f"{result.rows:,} rows", refresh=False)
            bar.update(bar.total - bar.n)  # the end of the file: blank lines and the header are not rows
        if dry_run:
            ImportRun.objects.filter(pk=run.pk).delete()
        self.stdout.write(
            f"{result.rows} rows read: {result.created} new, {result.updated} changed, "
            f"{result.unchanged} unchanged; {result.indicators_created} new indicators, "
            f"{result.indicators_named} named from the file."
        )
        if result.hidden:
            self.stdout.write(
                f"{result.hidden} rows skipped: their numbers are hidden small numbers (fewer than 5)."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
