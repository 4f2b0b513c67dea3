"""The public lägesbild at /p/<slug>/lagesbild/: only adopted documents, only their public parts,
small numbers suppressed."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from samverka.core.exports import csv_response
from samverka.core.permissions import public_place
from samverka.situation import selectors


def _public_report(slug, pk=None):
    municipality = public_place(slug)
    reports = selectors.public_reports(municipality)
    if pk is None:
        return municipality, reports.first(), reports
    try:
        return municipality, reports.get(pk=pk), reports
    except (reports.model.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def latest(request, slug):
    municipality, report, reports = _public_report(slug)
    context = selectors.report_detail(report, public=True) if report else {}
    return render(
        request,
        "situation/public_report.html",
        {**context, "municipality": municipality, "report": report, "others": reports[1:6]},
    )


def detail(request, slug, pk):
    municipality, report, reports = _public_report(slug, pk)
    context = selectors.report_detail(report, public=True)
    return render(
        request,
        "situation/public_report.html",
        {**context, "municipality": municipality, "report": report, "others": []},
    )


def export_csv(request, slug, pk):
    """The public lägesbild's figures as CSV; counts below 5 read "fewer than 5"."""
    municipality, report, reports = _public_report(slug, pk)
    context = selectors.report_detail(report, public=True)

    def rows():
        for block in context["blocks"]:
            places = block["places"]
            for period, cells in block["series"]["rows"]:
                for place, cell in zip(places, cells, strict=True):
                    yield [
                        block["indicator"].name,
                        place.name,
                        period,
                        cell["value"],
                        cell["count"],
                        cell["status"],
                    ]
        for entry in context["counts"]:
            count = entry["count"]
            yield [
                count.get_kind_display(),
                count.organisation.name,
                f"{count.year}-Q{count.quarter}",
                entry["number"],
                "",
                "",
            ]

    return csv_response(
        f"lagesbild-{municipality.slug}-{report.period}.csv",
        ["Indikator", "Plats", "Period", "Värde", "Antal", "Status"],
        rows(),  # numbers stay numbers: csv_response writes them with a decimal comma
    )
