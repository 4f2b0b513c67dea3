"""`samverka fetch-kolada --kpi N07403 --municipality 2506 --years 2018-2024 [--dry-run]`.

Fetches what the chosen KPIs mean and their values for the chosen municipalities (plus, unless
--no-comparison, their counties and the country) from Kolada's API at SAMVERKA_KOLADA_URL, and imports
them through the same code as a file. Works where the network allows; tested against a local server.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.core.models import Municipality
from samverka.indicators import importing, kolada
from samverka.indicators.models import ImportRun, Indicator
from samverka.indicators.parsing import ImportFileError


def parse_years(text: str) -> list[int]:
    years = set()
    for part in text.split(","):
        part = part.strip()
        try:
            if "-" in part:
                first, last = (int(p) for p in part.split("-", 1))
                years.update(range(first, last + 1))
            elif part:
                years.add(int(part))
        except ValueError as exc:
            raise CommandError(f"--years: {part!r} is not a year or a range like 2018-2024") from exc
    if not years or min(years) < 1990 or max(years) > 2100 or len(years) > 50:
        raise CommandError("--years: give years between 1990 and 2100, e.g. 2018-2024")
    return sorted(years)


class Command(BaseCommand):
    help = "Fetch chosen KPIs for chosen municipalities from Kolada and import them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kpi", action="append", required=True, help="A Kolada KPI id (repeat for more)."
        )
        parser.add_argument(
            "--municipality",
            action="append",
            required=True,
            help="A municipality code or slug (repeat for more).",
        )
        parser.add_argument("--years", default="2015-2025", help="e.g. 2018-2024 or 2019,2021")
        parser.add_argument("--no-comparison", action="store_true", help="Leave out the county and country.")
        parser.add_argument("--base-url", default=None, help="Default: the SAMVERKA_KOLADA_URL setting.")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--no-progress", action="store_true")

    def handle(
        self, *args, kpi, municipality, years, no_comparison, base_url, dry_run, no_progress, **options
    ):
        base = base_url or settings.SAMVERKA_KOLADA_URL
        places = []
        for item in municipality:
            found = Municipality.objects.select_related("county").filter(code=item).first() or (
                Municipality.objects.select_related("county").filter(slug=item).first()
            )
            if found is None:
                raise CommandError(f"--municipality: no municipality with code or slug {item!r}")
            places.append(found.code)
            if not no_comparison:
                places += [f"00{found.county.code}", "0000"]
        places = sorted(set(places))
        kpis = sorted({k.strip() for k in kpi if k.strip()})
        # The answer's length is unknown until its last page: the bar counts rows.
        bar = tqdm(unit="rows", file=self.stderr._out, ascii=False, disable=no_progress)
        run = importing.import_run_create(
            user=None,
            municipality=None,
            file_name=kolada.data_url(base, kpis, places, parse_years(years))[:255],
            file_format="kolada",
            data=None,
        )
        importing.places_ensure()
        known = set(importing.place_lookup()[0])
        rows = kolada.fetch_rows(base, kpis, places, parse_years(years), known)
        try:
            result = importing.observations_import(
                rows,
                run=run,
                source=Indicator.Source.KOLADA,
                dry_run=dry_run,
                progress=lambda done: bar.update(done - bar.n),
                scope=importing.EVERYWHERE,  # the official source: every place and the definitions
            )
        except (ImportFileError, kolada.FetchError) as exc:
            bar.close()
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, message=str(exc))
            raise CommandError(f"{str(exc).rstrip('.')}. Nothing was saved.") from exc
        bar.close()
        if dry_run:
            ImportRun.objects.filter(pk=run.pk).delete()
        self.stdout.write(
            f"{result.rows} rows fetched: {result.created} new, {result.updated} changed, "
            f"{result.unchanged} unchanged; {result.indicators_named} indicators named from Kolada."
            + (" Dry run: nothing was saved." if dry_run else "")
        )
