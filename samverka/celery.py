"""The Celery app: `celery -A samverka worker` and `celery -A samverka beat`.

Settings come from Django's settings (CELERY_* names), the schedule from CELERY_BEAT_SCHEDULE. With no
CELERY_BROKER_URL, CELERY_TASK_ALWAYS_EAGER is on and every job runs in the process that starts it,
so the one-command start on SQLite needs no broker and no worker.
"""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

app = Celery("samverka")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _verify(**kwargs):
    # A worker or beat with bad configuration stops at start-up with the same message as the web nodes.
    from samverka.hosting.checks import verify_or_raise

    verify_or_raise()


worker_init.connect(_verify, weak=False)
beat_init.connect(_verify, weak=False)
