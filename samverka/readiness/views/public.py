"""Public pages: only published, completed assessments, never transcripts or individual scores."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from samverka.core.permissions import public_place
from samverka.readiness import selectors
from samverka.readiness.models import Assessment
from samverka.readiness.views.common import lang, results_context


def public_list(request, slug):
    place = public_place(slug)
    assessments = Assessment.objects.filter(municipality=place, published=True, completed=True).order_by(
        "-created_at"
    )
    return render(request, "readiness/public_list.html", {"municipality": place, "assessments": assessments})


def public_detail(request, slug, pk):
    place = public_place(slug)
    try:
        assessment = Assessment.objects.get(municipality=place, published=True, completed=True, pk=pk)
    except (Assessment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    result = selectors.final_result_of(assessment)  # a preliminary result is never published
    if result is None:
        raise Http404
    context = {
        "municipality": place,
        "assessment": assessment,
        **results_context(assessment, result, lang(), public=True),
    }
    return render(request, "readiness/public_detail.html", context)
