"""Starting and running jobs, once each, however often a job is delivered.

- `start(kind, ...)` writes a Job and sends it to the broker after the transaction commits; with no broker
  (CELERY_TASK_ALWAYS_EAGER) it runs at once in this process, as the one-command start does.
- `execute(job_id)` runs a job inside one transaction that holds a row lock on the Job
  (SELECT ... FOR UPDATE NOWAIT): a second delivery while the first runs finds the lock and leaves; one
  after it finds the job done and leaves. A worker killed half-way takes its transaction with it: nothing
  of the job is saved, the job is still `queued`, and `requeue_stale` (Celery beat) sends it again once
  its heartbeat is older than JOB_STALE_SECONDS. So a job run twice imports once and sends each mail once.
- The job's function reports progress through `progress(done, total)`; progress and heartbeat live in the
  shared cache because the job's own rows are invisible to other connections until it commits.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.jobs.models import Job

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3

Progress = Callable[..., None]
KINDS: dict[str, Callable[[Job, Progress], dict]] = {}


class JobRefused(Exception):
    """The job cannot be done as asked (a malformed file): it fails with this message, nothing saved."""


def kind(name: str):
    """Register the function that does jobs of this kind: `fn(job, progress) -> result dict`."""

    def register(fn):
        KINDS[name] = fn
        return fn

    return register


def start(kind_name: str, *, user=None, municipality=None, key: str = "", **params) -> Job:
    """Write a job and send it. With a `key`, a job of this kind and key that is queued or done is
    returned instead of a new one, so a double-clicked confirmation starts one job."""
    if kind_name not in KINDS:
        raise ValueError(f"unknown job kind {kind_name!r}")
    if key:
        existing = Job.objects.filter(kind=kind_name, key=key).exclude(status=Job.Status.FAILED).first()
        if existing is not None:
            return existing
    # Messages of the job are written in the language of the person who started it.
    params.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind_name,
                key=key,
                params=params,
                municipality=municipality,
                created_by=user if user is not None and user.is_authenticated else None,
                sent_at=timezone.now(),
            )
    except IntegrityError:
        # The same start, a moment earlier in another request.
        return Job.objects.filter(kind=kind_name, key=key).exclude(status=Job.Status.FAILED).get()
    send(job.pk)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        job.refresh_from_db()  # it has run already
    return job


def send(job_id) -> None:
    from samverka.jobs.tasks import run

    if settings.CELERY_TASK_ALWAYS_EAGER:
        execute(job_id)  # no broker: in this process, now
    else:
        transaction.on_commit(lambda: run.delay(str(job_id)))


def _progress_key(job_id) -> str:
    return f"job:{job_id}:progress"


def progress_of(job) -> dict:
    return cache.get(_progress_key(job.pk)) or {}


def _reporter(job_id) -> Progress:
    def progress(done: int, total: int | None = None) -> None:
        cache.set(_progress_key(job_id), {"done": done, "total": total, "at": time.time()}, 24 * 3600)

    return progress


def execute(job_id) -> Job | None:
    # Counted in its own short transaction, so that a job that kills its worker every time stops.
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(attempts=F("attempts") + 1)
    try:
        with transaction.atomic():
            try:
                job = Job.objects.select_for_update(nowait=True).get(pk=job_id)
            except OperationalError:
                log.info("Job %s is running elsewhere; this delivery leaves it.", job_id)
                return None
            if job.finished:
                log.info("Job %s was done already; nothing to do.", job_id)
                return job
            if job.attempts > MAX_ATTEMPTS:
                with translation.override(job.params.get("language")):
                    message = ngettext(
                        "The job was stopped after %(n)s attempt.",
                        "The job was stopped after %(n)s attempts.",
                        MAX_ATTEMPTS,
                    ) % {"n": MAX_ATTEMPTS}
                return _finish(job, Job.Status.FAILED, message=message)
            progress = _reporter(job.pk)
            progress(0)
            try:
                # The job's function keeps its own writes atomic (a refused file saves nothing of its
                # rows) and may record the refusal itself; anything unexpected rolls all of it back.
                with translation.override(job.params.get("language")):
                    result = KINDS[job.kind](job, progress)
            except JobRefused as exc:
                return _finish(job, Job.Status.FAILED, message=str(exc))
            return _finish(job, Job.Status.DONE, result=result or {})
    except Exception:
        log.exception("Job %s failed", job_id)
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job_id)
            if not job.finished:
                with translation.override(job.params.get("language")):
                    message = _("An unexpected error stopped the job; nothing of it was saved.")
                _finish(job, Job.Status.FAILED, message=message)
        raise


def _finish(job: Job, status, *, result=None, message="") -> Job:
    job.status = status
    job.result = result or {}
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "message", "finished_at", "file"])
    return job


def attach_file(job: Job, filename: str, content: bytes) -> dict:
    """Keep a file the job made (a report) for its page's download link; returns the result's part.
    Stored under a random name; `filename` is what the person's download is called."""
    if job.file:
        job.file.delete(save=False)  # left by an attempt that did not commit
    job.file.save(filename, ContentFile(content), save=False)
    return {"filename": filename}


def requeue_stale() -> int:
    """Send again every queued job that was sent long ago and shows no sign of life."""
    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
    count = 0
    for job in Job.objects.filter(Q(sent_at__lt=cutoff) | Q(sent_at=None), status=Job.Status.QUEUED):
        beat = progress_of(job).get("at")
        if beat and beat > time.time() - settings.JOB_STALE_SECONDS:
            continue  # running: its heartbeat is fresh
        try:
            with transaction.atomic():
                locked = Job.objects.select_for_update(nowait=True).filter(
                    pk=job.pk, status=Job.Status.QUEUED
                )
                if not locked.exists():
                    continue
                Job.objects.filter(pk=job.pk).update(sent_at=timezone.now())
        except DatabaseError:
            continue  # locked: a worker holds it, alive
        log.warning("Job %s (%s) shows no sign of life; sending it again.", job.pk, job.kind)
        send(job.pk)
        count += 1
    return count
