"""The catalogue import as a background job: the rows of a checked preview, saved once however often the
job is delivered or the confirmation is sent; its page shows the progress and then the result."""

import hashlib

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.activities import services
from samverka.jobs import runner

IMPORT = "activities.import"


def import_start(*, user, municipality, rows: list, payload: str, file_name: str = ""):
    # The signed preview (its rows, the user, the place and a random preview id) is the job's key:
    # confirming the same preview twice (a double click, a reload) is one job, so the rows are saved once.
    key = hashlib.sha256(payload.encode()).hexdigest()
    return runner.start(
        IMPORT,
        user=user,
        municipality=municipality,
        key=key,
        rows=rows,
        title=_("Import of activities") + (f": {file_name}" if file_name else ""),
        back_url=reverse("activities:municipality", args=[municipality.slug]),
        back_label=_("Back to the activity catalogue"),
    )


@runner.kind(IMPORT)
def import_rows(job, progress) -> dict:
    if job.created_by is None or job.municipality is None:
        raise runner.JobRefused(_("The person who started the import no longer has an account."))
    try:
        # Permissions and every row are checked again here: the data may have changed since the preview.
        created, updated = services.activity_import(
            user=job.created_by,
            municipality=job.municipality,
            rows=[tuple(r) for r in job.params["rows"]],
            progress=progress,
        )
    except ValidationError as exc:
        raise runner.JobRefused(
            _("Nothing was saved. The data changed since the preview:") + " " + " ".join(exc.messages)
        ) from exc
    summary = _("Imported: %(created)s and %(updated)s.") % {
        "created": ngettext("%(n)s new activity", "%(n)s new activities", created) % {"n": created},
        "updated": ngettext("%(n)s updated", "%(n)s updated", updated) % {"n": updated},
    }
    return {"summary": summary, "created": created, "updated": updated}
