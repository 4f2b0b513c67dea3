from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samverka.jobs import selectors


@login_required
@never_cache
def job(request, pk):
    """The job's progress while it runs (the page reloads itself, no script needed), its result after."""
    job = selectors.job_for(request.user, pk)
    state = selectors.state(job)
    if request.GET.get("format") == "json":
        return JsonResponse(state)
    return render(request, "jobs/job.html", {"job": job, "state": state})
