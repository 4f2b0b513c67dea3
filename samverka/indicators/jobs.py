"""The indicator import as a background job: progress on the page, imported once however often it runs."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.indicators import importing
from samverka.indicators.models import ImportRun
from samverka.indicators.parsing import ImportFileError
from samverka.jobs import runner

IMPORT = "indicators.import"


def import_start(run: ImportRun, *, user):
    return runner.start(
        IMPORT,
        user=user,
        municipality=run.municipality,
        run=str(run.pk),
        title=_("Import of %(name)s") % {"name": run.file_name},
        back_url=reverse("situation:overview", args=[run.municipality.slug]),
        back_label=_("Back to the lägesbild"),
    )


@runner.kind(IMPORT)
def import_file(job, progress) -> dict:
    # The run's row lock and status make a second delivery, or a double-clicked confirmation, a no-op.
    run = (
        ImportRun.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=job.params["run"])
    )
    if run.status != ImportRun.Status.PREVIEW or run.payload is None:
        return {"summary": _("This file has already been imported."), "run": str(run.pk)}
    data = bytes(run.payload)
    total = data.count(b"\n") or None if run.file_format != "kolada" else None
    try:
        result = importing.observations_import(
            importing.rows_of_run(run, data),
            run=run,
            source=importing.source_for(run.file_format),
            # the same scope as the preview the person confirmed: their own places' rows only
            scope=importing.write_scope_for(run.created_by),
            progress=lambda done: progress(done, total),
        )
    except ImportFileError as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, message=str(exc), payload=None
        )
        raise runner.JobRefused(
            _("Nothing was imported: %(error)s") % {"error": importing.import_error_text(exc)}
        ) from exc
    counts = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "left_out": result.left_out_rows,
        "hidden": result.hidden,
    }
    summary = (
        ngettext(
            "Imported %(rows)s row: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.",
            "Imported %(rows)s rows: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.",
            result.rows,
        )
        % counts
    )
    if result.left_out_rows:
        summary += " " + (
            ngettext(
                "%(left_out)s row for places you do not edit was left out.",
                "%(left_out)s rows for places you do not edit were left out.",
                result.left_out_rows,
            )
            % counts
        )
    if result.hidden:
        summary += " " + (
            ngettext(
                "%(hidden)s row with a hidden small number (fewer than 5) was skipped.",
                "%(hidden)s rows with hidden small numbers (fewer than 5) were skipped.",
                result.hidden,
            )
            % counts
        )
    return {"summary": summary, "run": str(run.pk), **counts}
