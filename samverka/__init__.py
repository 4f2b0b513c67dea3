"""Samverka: joint ANDTS prevention work for municipalities, police and county boards."""

# The Celery app is loaded with Django so that @shared_task binds to it (Celery's Django recipe).
from samverka.celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
