"""Blind scoring and consensus: each scorer's own sheet, then the team agrees per dimension."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.core import exports
from samverka.core.editing import form_flow
from samverka.readiness import forms, selectors, services, texts
from samverka.readiness import permissions as rules
from samverka.readiness.scoring import dimension_name
from samverka.readiness.views.common import assessment_for, interview_for, lang, require_team


def _sheet_initial(sheet) -> dict:
    initial = {}
    for s in sheet.scores.all() if sheet else []:
        initial[f"score_{s.dimension}"] = f"{s.value:.1f}" if s.value is not None else ""
        initial[f"note_{s.dimension}"] = s.note
    return initial


@login_required
def score(request, pk):
    interview = interview_for(request, pk)
    assessment = interview.assessment
    if not rules.can_score(request.user, assessment):
        raise PermissionDenied
    if not interview.scorable:
        messages.error(request, interview.not_scorable_reason())
        return redirect("readiness:interview", interview.pk)
    sheet = interview.sheets.filter(scorer=request.user).prefetch_related("scores").first()
    language = lang()
    data = request.POST or None
    form = forms.ScoreForm(
        data,
        assessment=assessment,
        language=language,
        initial=_sheet_initial(sheet),
        intro={key: {"anchors": texts.anchors_for(key, language)} for key in assessment.dimension_keys},
    )
    submitted = bool(sheet and sheet.submitted_at)
    submit = "submit" in request.POST
    return form_flow(
        request,
        form,
        None  # a submitted sheet never changes: show it, save nothing
        if submitted
        else lambda: services.score_save(
            user=request.user, interview=interview, values=form.values(), submit=submit
        ),
        template="readiness/score.html",
        context={"assessment": assessment, "interview": interview, "submitted": submitted},
        done=lambda _saved: reverse(
            "readiness:interview" if submit else "readiness:score", args=[interview.pk]
        ),
        success=_("Your scores were submitted.") if submit else _("Your draft was saved."),
    )


@login_required
def consensus(request, pk):
    interview = interview_for(request, pk)
    assessment = interview.assessment
    require_team(request, assessment)
    if not rules.all_submitted(interview):
        messages.error(request, _("Consensus opens when every scorer has submitted this interview."))
        return redirect("readiness:interview", interview.pk)
    sheets = selectors.visible_sheets(request.user, interview, True)
    rows = selectors.consensus_rows(assessment, sheets, lang())
    form = forms.ScoreForm(
        request.POST or None,
        assessment=assessment,
        language=lang(),
        initial=selectors.consensus_proposal(assessment, interview, sheets),
        consensus=True,
        intro={row["key"]: {"disagree": row["disagree"], "spread": row["spread"]} for row in rows},
    )
    editable = rules.can_record_consensus(request.user, assessment)
    if request.method == "POST" and form.is_valid() and not editable:
        raise PermissionDenied
    return form_flow(
        request,
        form,
        lambda: services.consensus_save(user=request.user, interview=interview, values=form.values()),
        template="readiness/consensus.html",
        context={
            "assessment": assessment,
            "interview": interview,
            "sheets": sheets,
            "rows": rows,
            "editable": editable,
            "agreement": selectors.agreement(assessment, sheets),
        },
        done=lambda _saved: assessment,
        success=_("The consensus scores were saved."),
    )


@login_required
def scores_json(request, pk):
    """An interview's scores as JSON, through the same blind gate as the pages."""
    interview = interview_for(request, pk)
    require_team(request, interview.assessment)
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


def _export_rows(user, assessment):
    # "A – Insatser i samhället": the letter and the name, which readiness-score's parser reads back.
    names = {key: f"{key} – {dimension_name(key, assessment.model, lang())}" for key in "ABCDEF"}
    for interview in assessment.interviews.prefetch_related("consensus"):
        for c in interview.consensus.all():
            yield [interview.label, names[c.dimension], str(c.value).replace(".", ","), "consensus"]
        for sheet in selectors.visible_sheets(user, interview):
            if sheet.submitted_at is None:
                continue
            for s in sheet.scores.all():
                if s.value is not None:
                    yield [
                        interview.label,
                        names[s.dimension],
                        str(s.value).replace(".", ","),
                        sheet.scorer.username,
                    ]


@login_required
def scores_export(request, pk):
    """All scores of the assessment the user may see, in the command's sheet format."""
    assessment = assessment_for(request, pk)
    require_team(request, assessment)
    return exports.csv_response(
        "beredskap-poang.csv",
        ["interview", "dimension", "score", "scorer"],
        _export_rows(request.user, assessment),
    )
