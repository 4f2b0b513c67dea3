"""`samverka generate --scale small|county|national [--seed N]`: synthetic data (docs/performance.md)."""

from django.core.management.base import BaseCommand, CommandError

from samverka.demo.synthetic import SCALES, generate


class Command(BaseCommand):
    help = "Fill an empty database with deterministic synthetic data of a county's or the country's size."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        try:
            counts = generate(scale, seed, stdout=self.stdout)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        width = max(len(label) for label in counts)
        for label, number in sorted(counts.items()):
            self.stdout.write(f"{label:<{width}}  {number:>9,}".replace(",", " "))
