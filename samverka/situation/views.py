"""Staff pages of the lägesbild under /lagesbild/. Thin: permissions in core.permissions, writes in
services/importing, reads in selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core import permissions
from samverka.core.editing import form_flow, post_and_return
from samverka.core.models import Municipality
from samverka.core.pdf import pdf_response
from samverka.core.permissions import ANY_PLACE, Action, get_for_user, place_for
from samverka.indicators import importing
from samverka.indicators import jobs as indicator_jobs
from samverka.indicators.models import ImportRun, Indicator, Series
from samverka.indicators.parsing import ImportFileError, sniff_format
from samverka.situation import selectors, services
from samverka.situation.forms import (
    ActivityCountForm,
    ImportForm,
    PartnerNoteForm,
    ProblemForm,
    ReportForm,
    ReportIndicatorForm,
)
from samverka.situation.models import PartnerNote, Problem, ReportIndicator, SituationReport


@login_required
def overview(request, slug):
    owner = place_for(request.user, slug, of=ANY_PLACE)
    places = selectors.comparison_places(owner)
    own_places = [p for p in places if p.kind == "municipality"]
    indicators = Indicator.objects.filter(
        # (the series, not the observations: whether there are values, not each of them unnested)
        pk__in=Series.objects.filter(place__in=own_places).values("indicator_id").distinct()
    )
    return render(
        request,
        "situation/overview.html",
        {
            "owner": owner,
            "slug": slug,
            "reports": selectors.reports_for(request.user, owner).select_related(
                "municipality", "collaboration"
            ),
            "indicators": indicators,
            "notes": selectors.notes_for(owner)[:20],
            "counts": selectors.counts_for(owner)[-24:],
            "can_edit": permissions.can_edit(request.user, owner),
            "is_municipality": isinstance(owner, Municipality),
        },
    )


@login_required
def indicator(request, slug, pk):
    owner = place_for(request.user, slug, of=ANY_PLACE)
    item = get_for_indicator(pk)
    # "page", not "block": inside {% block %} Django's own `block` (for block.super) hides a variable of
    # that name, which left this page empty.
    page = selectors.indicator_page(item, owner, request.GET.get("grupp"))
    return render(request, "situation/indicator.html", {"owner": owner, "slug": slug, "page": page})


def get_for_indicator(pk):
    # Indicators are shared reference data (what a KPI means), visible to every signed-in user.
    try:
        return Indicator.objects.get(pk=pk)
    except (Indicator.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


# --- imports -----------------------------------------------------------------------------------------


@login_required
def import_start(request, slug):
    owner = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    if not isinstance(owner, Municipality):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        file_format = sniff_format(data[:64], upload.name)
        run = importing.import_run_create(
            user=request.user, municipality=owner, file_name=upload.name, file_format=file_format, data=data
        )
        return _preview(request, owner, run, data)
    return render(request, "situation/import.html", {"owner": owner, "slug": slug, "form": form})


def _preview(request, owner, run, data):
    try:
        result = importing.observations_import(
            importing.rows_of_run(run, data),
            run=run,
            source=importing.source_for(run.file_format),
            scope=importing.write_scope_for(request.user),
            dry_run=True,
        )
    except ImportFileError as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, message=str(exc), payload=None
        )
        return render(
            request,
            "situation/import.html",
            {
                "owner": owner,
                "slug": owner.slug,
                "form": ImportForm(),
                "error": importing.import_error_text(exc),
                "run": run,
            },
            status=400,
        )
    return render(
        request,
        "situation/import_preview.html",
        {"owner": owner, "slug": owner.slug, "run": run, "result": result},
    )


def _run_for(request, pk):
    try:
        run = ImportRun.objects.select_related("municipality").get(pk=pk)
    except (ImportRun.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if (
        run.municipality is None
        or run.created_by_id != request.user.pk
        or not permissions.can_view(request.user, run.municipality)
    ):
        raise Http404
    permissions.require(request.user, Action.EDIT, run.municipality)
    return run


@login_required
@require_POST
def import_confirm(request, pk):
    """Start the import as a background job and show its progress; a file is imported once however
    often this is posted (indicators/jobs.py)."""
    run = _run_for(request, pk)
    if run.status != ImportRun.Status.PREVIEW or run.payload is None:
        messages.info(request, _("This file has already been imported."))
        return redirect("situation:overview", run.municipality.slug)
    job = indicator_jobs.import_start(run, user=request.user)
    return redirect("jobs:job", job.pk)


# --- partner notes and counts -------------------------------------------------------------------------


@login_required
def note_create(request, slug):
    owner = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    form = PartnerNoteForm(request.POST or None, user=request.user)
    return form_flow(
        request,
        form,
        lambda: services.note_create(user=request.user, owner=owner, **_values(form)),
        template="situation/form.html",
        context={"owner": owner, "slug": slug, "title": _("New partner note")},
        done=lambda _saved: reverse("situation:overview", args=[slug]),
        success=_("The note was saved."),
    )


def _values(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "opened_at_version"}


@login_required
def note_edit(request, pk):
    note = get_for_user(request.user, PartnerNote.objects.all(), Action.EDIT, pk=pk)
    form = PartnerNoteForm(request.POST or None, instance=note, user=request.user)
    return form_flow(
        request,
        form,
        lambda: services.note_update(
            user=request.user,
            note=form.instance,
            expected_version=form.opened_version,
            fields=["organisation", "date", "period", "title", "text", "is_public"],
        ),
        template="situation/form.html",
        context={"owner": note.owner, "slug": note.owner.slug, "title": _("Edit partner note")},
        done=lambda _saved: reverse("situation:overview", args=[note.owner.slug]),
        success=_("The note was saved."),
    )


@login_required
def counts(request, slug):
    owner = place_for(request.user, slug, of=ANY_PLACE)
    can_edit = permissions.can_edit(request.user, owner)
    form = ActivityCountForm(request.POST or None, user=request.user) if can_edit else None
    if request.method == "POST":
        permissions.require(request.user, Action.EDIT, owner)
        if form.is_valid():
            try:
                services.count_set(user=request.user, owner=owner, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The count was saved."))
                return redirect("situation:counts", slug)
    return render(
        request,
        "situation/counts.html",
        {"owner": owner, "slug": slug, "form": form, "counts": selectors.counts_for(owner)},
    )


# --- the lägesbild document -----------------------------------------------------------------------------


@login_required
def report_create(request, slug):
    owner = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    form = ReportForm(request.POST or None)
    return form_flow(
        request,
        form,
        lambda: services.report_create(user=request.user, owner=owner, **_values(form)),
        template="situation/form.html",
        context={"owner": owner, "slug": slug, "title": _("New lägesbild")},
        done=lambda report: report,
    )


def _report(request, pk, action=Action.VIEW):
    return get_for_user(
        request.user, SituationReport.objects.select_related("municipality", "collaboration"), action, pk=pk
    )


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    context = selectors.report_detail(report)
    context.update(
        {
            "owner": report.owner,
            "slug": report.owner.slug,
            "can_edit": permissions.can_edit(request.user, report),
            "can_change": permissions.can_edit(request.user, report) and not context["frozen"],
            "can_publish": permissions.can_publish(request.user, report),
            "indicator_form": ReportIndicatorForm(),
        }
    )
    return render(request, "situation/report.html", context)


@login_required
def report_edit(request, pk):
    report = _report(request, pk, Action.EDIT)
    form = ReportForm(request.POST or None, instance=report)
    return form_flow(
        request,
        form,
        lambda: services.report_update(
            user=request.user,
            report=form.instance,
            expected_version=form.opened_version,
            fields=["title", "period", "summary", "public_summary"],
        ),
        template="situation/form.html",
        context={"owner": report.owner, "slug": report.owner.slug, "title": _("Edit lägesbild")},
        done=lambda _saved: report,
    )


@login_required
@require_POST
def report_adopt(request, pk):
    report = _report(request, pk, Action.PUBLISH)
    adopt = request.POST.get("status") != "draft"
    return post_and_return(
        request,
        report,
        lambda: services.report_adopt(user=request.user, report=report, adopted=adopt),
        success=_("The lägesbild is adopted and its public parts are published.")
        if adopt
        else _("The lägesbild is a draft again."),
    )


@login_required
@require_POST
def report_indicator_add(request, pk):
    report = _report(request, pk, Action.EDIT)
    form = ReportIndicatorForm(request.POST)
    return post_and_return(
        request,
        report,
        lambda: services.report_indicator_add(user=request.user, report=report, **form.cleaned_data),
        form=form,
        invalid=_("Choose an indicator and a group."),
    )


@login_required
@require_POST
def report_indicator_remove(request, pk, item):
    report = _report(request, pk, Action.EDIT)
    try:
        entry = ReportIndicator.objects.get(report=report, pk=item)
    except ReportIndicator.DoesNotExist as exc:
        raise Http404 from exc
    services.report_indicator_remove(user=request.user, item=entry)
    return redirect(report)


@login_required
def problem_edit(request, pk, problem=None):
    report = _report(request, pk, Action.EDIT)
    instance = Problem(report=report)
    if problem is not None:
        try:
            instance = Problem.objects.get(report=report, pk=problem)
        except (Problem.DoesNotExist, ValidationError, ValueError) as exc:
            raise Http404 from exc
    form = ProblemForm(request.POST or None, instance=instance, report=report, user=request.user)
    title = _("Edit prioritised problem") if problem else _("New prioritised problem")
    return form_flow(
        request,
        form,
        lambda: services.problem_save(
            user=request.user,
            report=report,
            problem=form.instance,
            substance_areas=form.cleaned_data["substance_areas"],
            factors=form.cleaned_data["factors"],
        ),
        template="situation/form.html",
        context={"owner": report.owner, "slug": report.owner.slug, "title": title},
        done=lambda _saved: report,
    )


@login_required
def report_pdf(request, pk):
    report = _report(request, pk)
    return pdf_response(
        request,
        "situation/report_pdf.html",
        selectors.report_detail(report),
        f"lagesbild-{report.owner.slug}-{report.period}.pdf",
    )
