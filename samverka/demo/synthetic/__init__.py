"""Deterministic synthetic data at the size of a county or the whole country (`samverka generate`).

Everything goes through the real models with bulk inserts, one function per app (`GENERATORS`, run in
order). Each function reads what the earlier ones made from `Context` and adds its own records.
The same scale and seed give the same rows: every random
choice comes from one `random.Random(seed)`, and every UUID from it too.

Sizes per scale: see `SCALES` and docs/performance.md.
"""

import random
import time
import uuid
from dataclasses import dataclass, field

from django.db import transaction

from samverka.core.models import Municipality
from samverka.demo.synthetic import activities, core, indicators, promises, readiness

BATCH = 5_000


@dataclass(frozen=True)
class Scale:
    counties: int
    municipalities: int  # in all
    extra_organisations: int  # beyond one administration per municipality and one board/region per county
    users: int
    activities: int
    assessments: int
    interviews_per_assessment: int
    promises: int
    commitments_per_promise: int
    followups_per_commitment: int
    indicators: int
    years: int


SCALES = {
    "small": Scale(1, 4, 8, 40, 300, 12, 6, 20, 10, 5, 25, 10),
    "county": Scale(1, 14, 40, 150, 1_500, 70, 6, 100, 10, 5, 25, 10),
    "national": Scale(21, 290, 48, 3_000, 30_000, 1_500, 6, 2_000, 10, 5, 25, 10),
}


@dataclass
class Context:
    scale: Scale
    seed: int
    rng: random.Random
    stdout: object = None
    counties: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    # municipality id -> organisations working there
    organisations_by_municipality: dict = field(default_factory=dict)
    users: list = field(default_factory=list)
    user_ids: dict = field(default_factory=dict)  # username -> pk
    counts: dict = field(default_factory=dict)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def say(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)

    def bulk(self, model, objects, batch_size=BATCH) -> int:
        """bulk_create in batches; counts what was made under the model's label."""
        objects = list(objects)
        for start in range(0, len(objects), batch_size):
            model.objects.bulk_create(objects[start : start + batch_size], batch_size=batch_size)
        label = model._meta.label_lower
        self.counts[label] = self.counts.get(label, 0) + len(objects)
        return len(objects)


GENERATORS = [core.generate, activities.generate, readiness.generate, promises.generate, indicators.generate]


def generate(scale_name: str, seed: int = 1, stdout=None) -> dict[str, int]:
    """Fill the (empty) database; returns {model label: rows made}."""
    if Municipality.objects.exists():
        raise ValueError("The database already has places: generate fills an empty database only.")
    context = Context(SCALES[scale_name], seed, random.Random(seed), stdout)  # noqa: S311 - synthetic data, not secrets
    with transaction.atomic():
        for generator in GENERATORS:
            started = time.monotonic()
            generator(context)
            context.say(f"{generator.__module__.rsplit('.', 1)[-1]}: {time.monotonic() - started:.1f} s")
    return context.counts
