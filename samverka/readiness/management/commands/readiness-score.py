"""samverka readiness-score SHEET [--model six|five] [--format text|json]

Scores and stages of a Community Readiness scoring sheet, computed by the same core as the app.
Bad input prints a message naming the row and exits with status 2.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samverka.readiness.scoring import ScoringError
from samverka.readiness.sheets import parse_sheet, text_table


class Command(BaseCommand):
    help = "Scores and stages of a Community Readiness scoring sheet (CSV or XLSX)."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "sheet", help="CSV or XLSX with the columns interview, dimension, score[, scorer]"
        )
        parser.add_argument("--model", choices=["six", "five"], default="six")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")

    def handle(self, *args, sheet, model, output_format, **options):
        path = Path(sheet)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._fail(
                _("%(sheet)s: the file cannot be read (%(reason)s)")
                % {"sheet": sheet, "reason": exc.strerror}
            )
        try:
            result = parse_sheet(data, path.name, model=model).result()
        except ScoringError as exc:
            self._fail(f"{sheet}: {exc}")
        if output_format == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(text_table(result))

    def _fail(self, message):
        self.stderr.write(message)
        sys.exit(2)
