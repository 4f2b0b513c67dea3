import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.activities.models import Activity, Status
from samverka.core import exports
from samverka.core import permissions as core
from samverka.core.concurrency import EditConflict
from samverka.core.models import County, Municipality
from samverka.core.pdf import render_to_pdf
from samverka.core.permissions import Action
from samverka.readiness import charts, forms, selectors, services, texts
from samverka.readiness import permissions as rules
from samverka.readiness.models import Assessment, Interview
from samverka.readiness.scoring import ScoringError, dimension_name, stage_name
from samverka.readiness.sheets import parse_sheet

IMPORT_SESSION_KEY = "readiness_import"


def _lang():
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _assessment(request, pk, action=Action.VIEW):
    qs = Assessment.objects.select_related("municipality__county", "collaboration")
    return core.get_for_user(request.user, qs, action, pk=pk)


def _interview(request, pk):
    qs = Interview.objects.select_related(
        "assessment__municipality", "assessment__collaboration", "interviewer"
    )
    return core.get_for_user(request.user, qs, Action.VIEW, pk=pk)


def _require_team(request, assessment):
    if not rules.is_team_member(request.user, assessment):
        raise PermissionDenied


def _require_manage(request, assessment):
    if not rules.can_manage(request.user, assessment):
        raise PermissionDenied


def results_context(assessment, result, language, public=False):
    """What the results page, the public page and the PDF all show."""
    if result is None:
        return {"result": None}
    rows = [
        {
            "key": key,
            "name": dimension_name(key, assessment.model, language),
            "score": d.shown,
            "stage": d.stage,
            "stage_name": stage_name(d.stage, language),
            "lowest": key in result.lowest,
        }
        for key, d in result.dimensions.items()
    ]
    overall = result.overall
    return {
        "result": result,
        "rows": rows,
        "overall": {
            "score": overall.shown,
            "stage": overall.stage,
            "stage_name": stage_name(overall.stage, language),
        },
        "strategies": texts.strategies_for(result, language),
        "chart": charts.dimensions_chart(assessment, result, language),
        "activities": activities_for(assessment, result, public=public),
        "public": public,
    }


def activities_for(assessment, result, public=False, limit=12):
    """Activities of the owner's own catalogue that fit the lowest dimensions: by arena (texts.
    DIMENSION_ARENAS) and by the assessment's ANDTS area; planned or active; on public pages only
    published ones."""

    activities = Activity.objects.filter(
        municipality=assessment.municipality,
        collaboration=assessment.collaboration,
        arena__in=texts.arenas_for(result.lowest),
        status__in=[Status.ACTIVE, Status.PLANNED],
    )
    if assessment.substance_area != "andts":
        activities = activities.filter(substance_areas__code=assessment.substance_area)
    if public:
        activities = activities.filter(published=True)
    return list(activities.select_related("municipality").distinct().order_by("arena", "title")[:limit])


@login_required
def assessment_list(request, slug):
    place = get_object_or_404(Municipality, slug=slug)
    if not core.can_view(request.user, place):
        raise Http404
    assessments = (
        Assessment.objects.filter(municipality=place).select_related("municipality").order_by("-created_at")
    )
    return render(
        request,
        "readiness/list.html",
        {
            "municipality": place,
            "assessments": assessments,
            "can_create": core.can_publish(request.user, place),
        },
    )


@login_required
def assessment_create(request, slug):
    place = get_object_or_404(Municipality, slug=slug)
    if not core.can_view(request.user, place):
        raise Http404
    core.require(request.user, Action.PUBLISH, place)
    form = forms.AssessmentForm(request.POST or None)
    team_form = forms.TeamForm(request.POST or None, owner=place, prefix="team")
    respondents = forms.RespondentFormSet(request.POST or None, prefix="resp")
    if request.method == "POST" and form.is_valid() and team_form.is_valid() and respondents.is_valid():
        planned = [
            (f["role"].strip(), f["sector"] or "other") for f in respondents.cleaned_data if f.get("role")
        ]
        try:
            assessment = services.assessment_create(
                user=request.user,
                owner=place,
                team=team_form.members(),
                respondents=planned,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The assessment was created with our interview guide."))
            return redirect(assessment)
    return render(
        request,
        "readiness/create.html",
        {"municipality": place, "form": form, "team_form": team_form, "respondents": respondents},
    )


@login_required
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    user = request.user
    team = rules.is_team_member(user, assessment)
    interviews = list(selectors.interviews_with_scores(assessment))
    open_ids = selectors.unblinded_interview_ids(assessment)
    for interview in interviews:
        mine = [s for s in interview.sheets.all() if s.scorer_id == user.pk]
        interview.my_sheet = mine[0] if mine else None
        interview.submitted_count = sum(1 for s in interview.sheets.all() if s.submitted_at)
        interview.unblinded = interview.pk in open_ids
        interview.consensus_done = len(interview.consensus.all()) == len(assessment.dimension_keys)
    context = {
        "assessment": assessment,
        "team": assessment.team.select_related("user"),
        "is_team": team,
        "can_manage": rules.can_manage(user, assessment),
        "can_score": rules.can_score(user, assessment),
        "can_edit_interviews": rules.can_edit_interviews(user, assessment),
        "can_see_results": rules.can_view_results(user, assessment),
        "interviews": interviews,
        "scorer_count": len(selectors.scorer_ids(assessment)),
        "is_coordinator": core.can_publish(user, assessment),
    }
    if context["can_see_results"]:
        result, why = selectors.result_of(assessment)
        context.update(results_context(assessment, result, _lang()))
        context["why_no_result"] = why
        context["publish_form"] = forms.PublishForm(instance=assessment)
    return render(request, "readiness/detail.html", context)


@login_required
def assessment_edit(request, pk):
    assessment = _assessment(request, pk)
    _require_manage(request, assessment)
    form = forms.AssessmentEditForm(request.POST or None, instance=assessment)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                user=request.user, assessment=form.instance, expected_version=form.opened_version
            )
        except EditConflict as exc:
            conflict = exc
            form.add_error(None, forms.AssessmentEditForm.conflict_message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(assessment)
    return render(
        request, "readiness/edit.html", {"assessment": assessment, "form": form, "conflict": conflict}
    )


@login_required
def team_edit(request, pk):
    assessment = _assessment(request, pk)
    _require_manage(request, assessment)
    current = assessment.team.all()
    initial = {
        "coordinators": [m.user_id for m in current if m.role == "coordinator"],
        "interviewers": [m.user_id for m in current if m.role == "interviewer"],
        "scorers": [m.user_id for m in current if m.role == "scorer"],
    }
    form = forms.TeamForm(request.POST or None, owner=assessment.owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_set(user=request.user, assessment=assessment, members=form.members())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The team was saved."))
            return redirect(assessment)
    return render(request, "readiness/team.html", {"assessment": assessment, "form": form})


@login_required
def guide_edit(request, pk):
    assessment = _assessment(request, pk)
    _require_team(request, assessment)
    editable = rules.can_manage(request.user, assessment)
    queryset = assessment.questions.all()
    formset = forms.GuideFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if formset.is_valid():
            with transaction.atomic():
                for question in formset.save(commit=False):
                    if question.dimension not in assessment.dimension_keys:
                        question.dimension = "B"
                    question.assessment = assessment
                    question.full_clean()
                    question.save()
                for question in formset.deleted_objects:
                    question.delete()
            messages.success(request, _("The interview guide was saved."))
            return redirect("readiness:guide", assessment.pk)
    return render(
        request,
        "readiness/guide.html",
        {
            "assessment": assessment,
            "formset": formset,
            "editable": editable,
            "groups": _guide_groups(assessment, _lang()),
        },
    )


def _guide_groups(assessment, language):
    groups = []
    for key in assessment.dimension_keys:
        questions = [q for q in assessment.questions.all() if q.dimension == key]
        groups.append(
            {
                "key": key,
                "name": dimension_name(key, assessment.model, language),
                "questions": [
                    {
                        "text": (q.text_en or q.text_sv) if language == "en" else q.text_sv,
                        "required": q.required,
                    }
                    for q in questions
                ],
            }
        )
    return groups


@login_required
def guide_pdf(request, pk):
    assessment = _assessment(request, pk)
    _require_team(request, assessment)
    language = "en" if request.GET.get("lang") == "en" else "sv"
    pdf = render_to_pdf(
        "readiness/guide_pdf.html",
        {"assessment": assessment, "groups": _guide_groups(assessment, language), "language": language},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="intervjuguide-{language}.pdf"'
    return response


@login_required
def interview_edit(request, pk, interview_pk=None):
    assessment = _assessment(request, pk)
    if not rules.can_edit_interviews(request.user, assessment):
        raise PermissionDenied
    interview = None
    if interview_pk is not None:
        interview = get_object_or_404(assessment.interviews, pk=interview_pk)
    form = forms.InterviewForm(
        request.POST or None, request.FILES or None, instance=interview, assessment=assessment
    )
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.assessment = assessment
        try:
            services.interview_save(
                user=request.user, interview=obj, transcript_upload=form.cleaned_data.get("transcript_file")
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The interview was saved."))
            return redirect("readiness:interview", obj.pk)
    return render(
        request,
        "readiness/interview_form.html",
        {"assessment": assessment, "form": form, "interview": interview},
    )


@login_required
def interview_detail(request, pk):
    interview = _interview(request, pk)
    assessment = interview.assessment
    _require_team(request, assessment)  # transcripts: the team only
    unblinded = rules.all_submitted(interview)
    return render(
        request,
        "readiness/interview.html",
        {
            "assessment": assessment,
            "interview": interview,
            "can_manage": rules.can_edit_interviews(request.user, assessment),
            "can_score": rules.can_score(request.user, assessment),
            "unblinded": unblinded,
            "sheets": selectors.visible_sheets(request.user, interview, unblinded),
        },
    )


@login_required
def score(request, pk):
    interview = _interview(request, pk)
    assessment = interview.assessment
    if not rules.can_score(request.user, assessment):
        raise PermissionDenied
    sheet = interview.sheets.filter(scorer=request.user).prefetch_related("scores").first()
    initial = {}
    if sheet:
        for s in sheet.scores.all():
            initial[f"score_{s.dimension}"] = f"{s.value:.1f}" if s.value is not None else ""
            initial[f"note_{s.dimension}"] = s.note
    form = forms.ScoreForm(request.POST or None, assessment=assessment, language=_lang(), initial=initial)
    submitted = bool(sheet and sheet.submitted_at)
    if request.method == "POST" and not submitted and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.score_save(user=request.user, interview=interview, values=form.values(), submit=submit)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Your scores were submitted.") if submit else _("Your draft was saved.")
            )
            return redirect("readiness:interview" if submit else "readiness:score", interview.pk)
    language = _lang()
    scales = [
        {
            "key": key,
            "name": dimension_name(key, assessment.model, language),
            "anchors": texts.anchors_for(key, language),
            "field": form[f"score_{key}"],
            "note": form[f"note_{key}"],
        }
        for key in assessment.dimension_keys
    ]
    return render(
        request,
        "readiness/score.html",
        {
            "assessment": assessment,
            "interview": interview,
            "form": form,
            "scales": scales,
            "submitted": submitted,
        },
    )


@login_required
def consensus(request, pk):
    interview = _interview(request, pk)
    assessment = interview.assessment
    _require_team(request, assessment)
    if not rules.all_submitted(interview):
        messages.error(request, _("Consensus opens when every scorer has submitted this interview."))
        return redirect("readiness:interview", interview.pk)
    sheets = selectors.visible_sheets(request.user, interview, True)
    existing = {c.dimension: c for c in interview.consensus.all()}
    initial = {}
    for key in assessment.dimension_keys:  # where every scorer agrees, that is the proposal
        given = {s.value for sheet in sheets for s in sheet.scores.all() if s.dimension == key}
        if len(given) == 1 and None not in given:
            initial[f"score_{key}"] = f"{given.pop():.1f}"
    for key, c in existing.items():
        initial[f"score_{key}"] = f"{c.value:.1f}"
        initial[f"note_{key}"] = c.reason
    form = forms.ScoreForm(
        request.POST or None,
        assessment=assessment,
        language=_lang(),
        initial=initial,
        reason_label=_("Reason (where it differs from a scorer)"),
    )
    editable = rules.can_record_consensus(request.user, assessment)
    if request.method == "POST" and form.is_valid():
        if not editable:
            raise PermissionDenied
        try:
            services.consensus_save(user=request.user, interview=interview, values=form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The consensus scores were saved."))
            return redirect(assessment)
    language = _lang()
    rows = []
    for key in assessment.dimension_keys:
        given = []
        for sheet in sheets:
            s = next((x for x in sheet.scores.all() if x.dimension == key), None)
            given.append(
                {"scorer": sheet.scorer, "value": s.value if s else None, "note": s.note if s else ""}
            )
        values = [g["value"] for g in given if g["value"] is not None]
        rows.append(
            {
                "key": key,
                "name": dimension_name(key, assessment.model, language),
                "given": given,
                "spread": (max(values) - min(values)) if values else 0,
                "disagree": bool(values) and (max(values) - min(values)) > 1,
                "field": form[f"score_{key}"],
                "note": form[f"note_{key}"],
            }
        )
    agreement = None
    if len(sheets) >= 2:
        from samverka.readiness.scoring import agreement_of

        data = {
            (str(sheet.scorer_id), "i", s.dimension): s.value
            for sheet in sheets
            for s in sheet.scores.all()
            if s.value is not None
        }
        agreement = agreement_of(data, assessment.half_steps) if data else None
    return render(
        request,
        "readiness/consensus.html",
        {
            "assessment": assessment,
            "interview": interview,
            "sheets": sheets,
            "rows": rows,
            "form": form,
            "editable": editable,
            "agreement": agreement,
        },
    )


@login_required
def scores_json(request, pk):
    """An interview's scores as JSON, through the same blind gate as the pages."""
    interview = _interview(request, pk)
    _require_team(request, interview.assessment)
    sheets = selectors.visible_sheets(request.user, interview)
    return JsonResponse(
        {
            "interview": str(interview.pk),
            "all_submitted": rules.all_submitted(interview),
            "sheets": [
                {
                    "scorer": sheet.scorer.username,
                    "submitted": sheet.submitted_at is not None,
                    "scores": {
                        s.dimension: (float(s.value) if s.value is not None else None)
                        for s in sheet.scores.all()
                    },
                }
                for sheet in sheets
            ],
            "consensus": {c.dimension: float(c.value) for c in interview.consensus.all()},
        }
    )


@login_required
def scores_export(request, pk):
    """All scores of the assessment the user may see, in the command's sheet format."""
    assessment = _assessment(request, pk)
    _require_team(request, assessment)

    def rows():
        for interview in assessment.interviews.prefetch_related("consensus"):
            for c in interview.consensus.all():
                yield [interview.label, c.dimension, str(c.value).replace(".", ","), "consensus"]
            for sheet in selectors.visible_sheets(request.user, interview):
                if sheet.submitted_at is None:
                    continue
                for s in sheet.scores.all():
                    if s.value is not None:
                        yield [
                            interview.label,
                            s.dimension,
                            str(s.value).replace(".", ","),
                            sheet.scorer.username,
                        ]

    return exports.csv_response("beredskap-poang.csv", ["interview", "dimension", "score", "scorer"], rows())


@login_required
def result_json(request, pk):
    """The result in the command's JSON shape (the same numbers the command gives for the same scores)."""
    assessment = _assessment(request, pk)
    if not rules.can_view_results(request.user, assessment):
        raise PermissionDenied
    result, why = selectors.result_of(assessment)
    if result is None:
        return JsonResponse({"error": why}, status=409)
    data = result.as_json()
    if not rules.is_team_member(request.user, assessment):
        data["agreement"] = None
    return JsonResponse(data)


@login_required
@require_POST
def complete(request, pk):
    assessment = _assessment(request, pk)
    try:
        services.assessment_complete(
            user=request.user, assessment=assessment, completed=request.POST.get("completed") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(assessment)


@login_required
@require_POST
def publish(request, pk):
    assessment = _assessment(request, pk)
    form = forms.PublishForm(request.POST, instance=Assessment.objects.get(pk=assessment.pk))
    if form.is_valid():
        try:
            services.assessment_publish(
                user=request.user,
                assessment=assessment,
                published=form.cleaned_data["published"],
                shared_with_county=form.cleaned_data["shared_with_county"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect(assessment)


@login_required
def report_pdf(request, pk):
    assessment = _assessment(request, pk)
    if not rules.can_view_results(request.user, assessment):
        raise PermissionDenied
    result, why = selectors.result_of(assessment)
    if result is None:
        raise Http404(why)
    context = {"assessment": assessment, **results_context(assessment, result, "sv"), "language": "sv"}
    pdf = render_to_pdf("readiness/report_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="beredskapsmatning.pdf"'
    return response


@login_required
def scores_import(request, pk):
    assessment = _assessment(request, pk)
    _require_manage(request, assessment)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    preview = None
    stored = request.session.get(IMPORT_SESSION_KEY)
    if (
        request.method == "POST"
        and "confirm" in request.POST
        and stored
        and stored.get("assessment") == str(assessment.pk)
    ):
        data = base64.b64decode(stored["data"])
        try:
            sheet = parse_sheet(
                data, stored["name"], model=assessment.model, half_steps=assessment.half_steps
            )
            services.scores_import(user=request.user, assessment=assessment, sheet=sheet)
        except (ScoringError, ValidationError) as exc:
            messages.error(request, str(exc) if isinstance(exc, ScoringError) else " ".join(exc.messages))
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, _("The scores were imported."))
            return redirect(assessment)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        data = upload.read(3 * 1024 * 1024)
        try:
            sheet = parse_sheet(data, upload.name, model=assessment.model, half_steps=assessment.half_steps)
            result = sheet.result(assessment.half_steps)
        except ScoringError as exc:
            form.add_error("sheet", str(exc))
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "assessment": str(assessment.pk),
                "name": upload.name,
                "data": base64.b64encode(data).decode(),
            }
            preview = {"sheet": sheet, **results_context(assessment, result, _lang())}
    return render(
        request, "readiness/import.html", {"assessment": assessment, "form": form, "preview": preview}
    )


@login_required
def compare(request, pk):
    """Change over time: the place's completed assessments of the same issue and model, side by side."""
    assessment = _assessment(request, pk)
    if not rules.can_view_results(request.user, assessment):
        raise PermissionDenied
    language = _lang()
    columns = []
    for other in selectors.same_issue(assessment):
        if not rules.can_view_results(request.user, other):
            continue
        result, _why = selectors.result_of(other)
        if result is not None:
            columns.append({"assessment": other, "result": result})
    rows = []
    for key in assessment.dimension_keys:
        cells = [c["result"].dimensions[key] for c in columns]
        change = (cells[-1].score - cells[0].score) if len(cells) > 1 else None
        rows.append(
            {
                "key": key,
                "name": dimension_name(key, assessment.model, language),
                "cells": cells,
                "change": None if change is None else float(change),
            }
        )
    overall = [c["result"].overall for c in columns]
    overall_change = float(overall[-1].score - overall[0].score) if len(overall) > 1 else None
    return render(
        request,
        "readiness/compare.html",
        {
            "assessment": assessment,
            "columns": columns,
            "rows": rows,
            "overall": overall,
            "overall_change": overall_change,
            "chart": charts.compare_chart(assessment, columns, language),
        },
    )


@login_required
def county_overview(request, county_slug):
    """A county board reader's table: published or shared results of every municipality in the county."""
    county = get_object_or_404(County, slug=county_slug)
    visible = [m for m in county.municipalities.all() if core.can_view(request.user, m)]
    if not visible:
        raise Http404
    language = _lang()
    rows = []
    for assessment in selectors.county_results(county):
        if not core.can_view(request.user, assessment):
            continue
        result, _why = selectors.result_of(assessment)
        if result is None:
            continue
        rows.append(
            {
                "assessment": assessment,
                "result": result,
                "stage_name": stage_name(result.overall.stage, language),
            }
        )
    keys = ["A", "B", "C", "D", "E", "F"]
    if request.GET.get("format") == "csv":
        header = ["kommun", "fråga", "modell", *keys, "sammantaget", "stadium", "publicerad"]
        return exports.csv_response(
            f"beredskap-{county.slug}.csv",
            header,
            (
                [
                    r["assessment"].municipality.name,
                    r["assessment"].issue,
                    r["assessment"].model,
                    *[
                        str(r["result"].dimensions[k].shown) if k in r["result"].dimensions else ""
                        for k in keys
                    ],
                    str(r["result"].overall.shown),
                    r["result"].overall.stage,
                    "ja" if r["assessment"].published else "nej",
                ]
                for r in rows
            ),
        )
    return render(request, "readiness/county.html", {"county": county, "rows": rows, "keys": keys})


# Public pages: only published, completed assessments, never transcripts or individual scores.


def public_list(request, slug):
    place = get_object_or_404(Municipality, slug=slug)
    assessments = Assessment.objects.filter(municipality=place, published=True, completed=True).order_by(
        "-created_at"
    )
    return render(request, "readiness/public_list.html", {"municipality": place, "assessments": assessments})


def public_detail(request, slug, pk):
    place = get_object_or_404(Municipality, slug=slug)
    try:
        assessment = Assessment.objects.get(municipality=place, published=True, completed=True, pk=pk)
    except (Assessment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    result, _why = selectors.result_of(assessment)
    if result is None:
        raise Http404
    context = {
        "municipality": place,
        "assessment": assessment,
        **results_context(assessment, result, _lang(), public=True),
    }
    return render(request, "readiness/public_detail.html", context)
