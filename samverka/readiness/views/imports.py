"""Scores from a sheet: upload, see the preview, confirm. The upload waits as a SheetImport row, owned by
the uploader and expiring, until it is confirmed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverka.readiness import forms, selectors, services
from samverka.readiness.scoring import ScoringError
from samverka.readiness.sheets import parse_sheet
from samverka.readiness.views.common import assessment_for, lang, require_manage, results_context

MAX_SHEET_BYTES = 3 * 1024 * 1024


@login_required
def scores_import(request, pk):
    assessment = assessment_for(request, pk)
    require_manage(request, assessment)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    pending = selectors.pending_sheet_import(request.user, assessment) if request.method == "POST" else None
    if pending is not None and "confirm" in request.POST:
        try:
            services.sheet_import_confirm(user=request.user, upload=pending)
        except (ScoringError, ValidationError) as exc:
            messages.error(request, str(exc) if isinstance(exc, ScoringError) else " ".join(exc.messages))
        else:
            messages.success(request, _("The scores were imported."))
            return redirect(assessment)
    elif request.method == "POST" and form.is_valid():
        return _preview(request, assessment, form)
    return render(request, "readiness/import.html", {"assessment": assessment, "form": form, "preview": None})


def _preview(request, assessment, form):
    """Read the uploaded sheet; keep it for confirmation and show its result, or say what is wrong."""
    upload = form.cleaned_data["sheet"]
    data = upload.read(MAX_SHEET_BYTES)
    preview = None
    try:
        sheet = parse_sheet(data, upload.name, model=assessment.model, half_steps=assessment.half_steps)
        result = sheet.result(assessment.half_steps)
    except ScoringError as exc:
        form.add_error("sheet", str(exc))
    else:
        services.sheet_import_stage(
            user=request.user, assessment=assessment, file_name=upload.name, data=data
        )
        preview = {"sheet": sheet, **results_context(assessment, result, lang())}
    return render(
        request, "readiness/import.html", {"assessment": assessment, "form": form, "preview": preview}
    )
