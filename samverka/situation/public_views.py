"""The public lägesbild at /p/<slug>/lagesbild/: only adopted documents, only their public parts,
small numbers suppressed."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from samverka.core.exports import csv_response
from samverka.core.permissions import public_place
from samverka.indicators.parsing import EXPORT_COLUMNS
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
    """The public lägesbild's indicator values as CSV, in the columns the indicator import reads (so the
    file imports back unchanged); a hidden small number reads "fewer than 5", which the import skips."""
    municipality, report, _reports = _public_report(slug, pk)
    context = selectors.report_detail(report, public=True)
    return csv_response(
        f"lagesbild-{municipality.slug}-{report.period}.csv",
        EXPORT_COLUMNS,
        selectors.figures_rows(context["blocks"]),  # numbers stay numbers: written with a decimal comma
    )


def counts_csv(request, slug, pk):
    """The public lägesbild's activity counts per quarter as CSV (apart from the indicator values: they
    are not indicator values and no import reads them); counts below 5 read "fewer than 5"."""
    municipality, report, _reports = _public_report(slug, pk)
    context = selectors.report_detail(report, public=True)
    return csv_response(
        f"lagesbild-{municipality.slug}-{report.period}-antal.csv",
        ["Typ", "Organisation", "År", "Kvartal", "Antal"],
        (
            [
                str(entry["count"].get_kind_display()),
                entry["count"].organisation.name,
                entry["count"].year,
                entry["count"].quarter,
                entry["number"],
            ]
            for entry in context["counts"]
        ),
    )
