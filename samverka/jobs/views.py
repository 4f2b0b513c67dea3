from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samverka.core.files import file_response
from samverka.jobs import selectors
from samverka.jobs.models import Job


@login_required
@never_cache
def job(request, pk):
    """The job's progress while it runs (the page reloads itself, no script needed), its result after."""
    job = selectors.job_for(request.user, pk)
    state = selectors.state(job)
    if request.GET.get("format") == "json":
        return JsonResponse(state)
    return render(request, "jobs/job.html", {"job": job, "state": state})


@login_required
@never_cache
def download(request, pk):
    """The file a finished job made (a report), for whoever may see the job."""
    job = selectors.job_for(request.user, pk)
    if job.status != Job.Status.DONE or not job.file:
        raise Http404
    return file_response(job.file, filename=job.result.get("filename") or "rapport")
