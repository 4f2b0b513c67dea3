from django.core.exceptions import ValidationError
from django.http import Http404

from samverka.core import permissions
from samverka.jobs import runner
from samverka.jobs.models import Job


def job_for(user, pk) -> Job:
    """A job its starter may watch, and the coordinators of its municipality. 404 for anyone else, so
    ids reveal nothing. A job of no municipality (a county report) is its starter's alone."""
    job = _job(pk)
    if job.municipality is None:
        if user.is_authenticated and job.created_by_id == user.pk:
            return job
        raise Http404
    if not permissions.can_view(user, job.municipality):
        raise Http404
    if job.created_by_id == user.pk or permissions.can(user, permissions.Action.PUBLISH, job.municipality):
        return job
    raise Http404


def _job(pk) -> Job:
    try:
        return Job.objects.select_related("municipality").get(pk=pk)
    except (Job.DoesNotExist, ValueError, ValidationError) as exc:  # a malformed UUID too
        raise Http404 from exc


def state(job: Job) -> dict:
    """What the job page and its JSON show."""
    progress = {} if job.finished else runner.progress_of(job)
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "status": job.status,
        "running": bool(progress),
        "done": progress.get("done", 0),
        "total": progress.get("total"),
        "attempts": job.attempts,
        "result": job.result,
        "message": job.message,
        "download": bool(job.file) and job.status == Job.Status.DONE,
    }
