"""The county report's PDF and workbook as background jobs: a big county's file is made by a worker,
and the job's page offers it for download when done (to the person who asked, who alone sees the job:
what the overview shows depends on who reads it)."""

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samverka.core.exports import xlsx_bytes
from samverka.core.pdf import render_to_pdf
from samverka.jobs import runner
from samverka.reports import overview

COUNTY_EXPORT = "reports.county_export"
FORMATS = ("pdf", "xlsx")


def county_export_start(*, user, county_slug: str, fmt: str, query: QueryDict):
    wanted = {k: query.getlist(k) for k in ("sort", "dir", "indicator") if k in query}
    return runner.start(
        COUNTY_EXPORT,
        user=user,
        county=county_slug,
        fmt=fmt,
        query=wanted,
        title=_("County overview as %(format)s") % {"format": fmt.upper()},
        back_url=reverse("reports:county", args=[county_slug])
        + (f"?{urlencode(wanted, doseq=True)}" if wanted else ""),
        back_label=_("Back to the county overview"),
    )


@runner.kind(COUNTY_EXPORT)
def county_export(job, progress) -> dict:
    user = job.created_by
    query = QueryDict(mutable=True)
    for name, values in job.params.get("query", {}).items():
        query.setlist(name, values)
    try:
        if user is None:
            raise Http404
        county, cols, rows, _sort, _descending = overview.county_overview(job.params["county"], user, query)
    except Http404 as exc:
        raise runner.JobRefused(_("You may no longer see this county's overview.")) from exc
    progress(len(rows), len(rows))
    name = overview.export_name(county)
    if job.params["fmt"] == "xlsx":
        content = xlsx_bytes({str(county.name): overview.table(cols, rows)})
        filename = f"{name}.xlsx"
    else:
        with translation.override("sv"):  # the county report is filed in Swedish
            content = render_to_pdf(
                "reports/county_pdf.html",
                {"county": county, "columns": cols, "rows": rows, "today": timezone.localdate()},
            )
        filename = f"{name}.pdf"
    summary = _("The county overview of %(county)s is ready.") % {"county": county.name}
    return {"summary": summary, **runner.attach_file(job, filename, content)}
