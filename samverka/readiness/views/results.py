"""Results: as JSON and PDF, change over time, and the county board's table."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render

from samverka.core import exports
from samverka.core import permissions as core
from samverka.core.pdf import pdf_response
from samverka.readiness import charts, selectors
from samverka.readiness import permissions as rules
from samverka.readiness.scoring import dimension_name
from samverka.readiness.views.common import assessment_for, lang, require_results, results_context


def _result(request, pk):
    """(assessment, its result or None, why not) for a user who may see the assessment's results."""
    assessment = assessment_for(request, pk)
    require_results(request, assessment)
    return assessment, *selectors.result_of(assessment)


@login_required
def result_json(request, pk):
    """The result in the command's JSON shape (the same numbers the command gives for the same scores)."""
    assessment, result, why = _result(request, pk)
    if result is None:
        coverage = selectors.coverage_of(assessment, None)
        return JsonResponse(
            {
                "error": why,
                "preliminary": True,
                "interviews_scored": 0,
                "interviews_planned": coverage["planned"],
            },
            status=409,
        )
    data = result.as_json()
    if not rules.is_team_member(request.user, assessment):
        data["agreement"] = None
    return JsonResponse(data)


@login_required
def report_pdf(request, pk):
    assessment, result, why = _result(request, pk)
    if result is None:
        raise Http404(why)
    context = {"assessment": assessment, **results_context(assessment, result, "sv"), "language": "sv"}
    return pdf_response(request, "readiness/report_pdf.html", context, "beredskapsmatning.pdf")


@login_required
def compare(request, pk):
    """Change over time: the place's completed assessments of the same issue and model, side by side."""
    assessment = assessment_for(request, pk)
    require_results(request, assessment)
    language = lang()
    data = selectors.comparison(request.user, assessment, language)
    chart = charts.compare_chart(assessment, data["columns"], language)
    return render(request, "readiness/compare.html", {"assessment": assessment, **data, "chart": chart})


@login_required
def county_overview(request, county_slug):
    """A county board reader's table: published or shared results of every municipality in the county."""
    county, municipalities = core.county_for(request.user, county_slug)
    rows = selectors.county_rows(request.user, county, lang())
    keys = selectors.COUNTY_KEYS
    if request.GET.get("format") == "csv":
        names = [f"{k} {dimension_name(k, 'six', 'sv')}" for k in keys]
        header = ["kommun", "fråga", "modell", *names, "sammantaget", "stadium", "publicerad"]
        return exports.csv_response(f"beredskap-{county.slug}.csv", header, selectors.county_csv_rows(rows))
    names = [(k, dimension_name(k, "six", lang())) for k in keys]
    gaps = selectors.county_gaps(county, municipalities, rows)
    return render(
        request,
        "readiness/county.html",
        {"county": county, "rows": rows, "gaps": gaps, "keys": keys, "names": names},
    )
