"""Settings for benchmark runs only: production settings plus the floor view's URL (never in production)."""

from samverka.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
