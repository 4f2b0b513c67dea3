"""Reads that need thought: results computed from stored scores, and the scores a user may see."""

from dataclasses import replace
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from samverka.activities.models import Activity, Status
from samverka.core import permissions as core
from samverka.readiness import permissions as rules
from samverka.readiness import scoring, texts
from samverka.readiness.models import (
    Assessment,
    ConsensusScore,
    Interview,
    Score,
    ScoreSheet,
    SheetImport,
    TeamMember,
)
from samverka.readiness.scoring import agreement_of, dimension_name, stage_name


def visible_q(user) -> Q:
    """The assessments `user` may view as staff: core.places_q, less what the municipality did not share
    with the county board (rules.county_board_may_see as a filter)."""
    q = core.places_q(user)
    municipalities, collaborations = core.county_board_places(user)
    if municipalities or collaborations:
        q &= ~(
            (Q(municipality__in=municipalities) | Q(collaboration__in=collaborations))
            & Q(shared_with_county=False)
            & ~Q(pk__in=TeamMember.objects.filter(user=user).values("assessment_id"))
        )
    return q


def assessments_visible_to(user):
    return Assessment.objects.filter(visible_q(user)).select_related("municipality", "collaboration")


def scorer_ids(assessment) -> set:
    return set(assessment.team.filter(role=TeamMember.Role.SCORER).values_list("user_id", flat=True))


def interviews_with_scores(assessment):
    return assessment.interviews.select_related("interviewer").prefetch_related(
        Prefetch("consensus", queryset=ConsensusScore.objects.order_by("dimension")),
        Prefetch("sheets", queryset=ScoreSheet.objects.select_related("scorer")),
    )


def unblinded_interview_ids(assessment) -> set:
    """Interviews every scorer of the assessment has submitted (two queries, whatever the size)."""
    return _unblinded_ids([assessment.pk])


def visible_sheets(user, interview, unblinded: bool | None = None) -> list[ScoreSheet]:
    """The score sheets of `interview` that `user` may see, with their scores: the one gate for pages,
    exports and JSON alike."""
    if unblinded is None:
        unblinded = rules.all_submitted(interview)
    sheets = (
        ScoreSheet.objects.filter(interview=interview).select_related("scorer").prefetch_related("scores")
    )
    for sheet in sheets:
        sheet.interview = interview  # one interview for all, no query per sheet
    return [s for s in sheets if rules.can_see_sheet(user, s, unblinded=unblinded)]


_MODELS = SimpleNamespace(
    Interview=Interview,
    ConsensusScore=ConsensusScore,
    Score=Score,
    ScoreSheet=ScoreSheet,
    TeamMember=TeamMember,
)


def scoring_input(assessment) -> tuple[dict, dict, list[Interview], int]:
    """(consensus, submitted scorer scores of unblinded interviews, interviews with complete consensus,
    interviews planned) for scoring.compute.

    Planned interviews are those neither cancelled nor removed. Only an interview with a consensus score
    on every dimension of the model counts towards the result; the others make it preliminary.
    """
    return _scoring_inputs([assessment])[assessment.pk]


COUNTING = [Interview.Status.PLANNED, Interview.Status.HELD]


def _scoring_inputs(assessments, models=None) -> dict:
    """`scoring_input` of many assessments at once, in four queries whatever their number.

    `models`: the model classes to read through (a data migration passes its historical ones); only
    fields are used, never properties or methods, so historical models work too."""
    m = models or _MODELS
    keys = {a.pk: set(scoring.MODELS[a.model]) for a in assessments}
    ids = list(keys)
    interviews = list(m.Interview.objects.filter(assessment_id__in=ids, status__in=COUNTING))
    by_pk = {i.pk: i for i in interviews}
    agreed: dict = {}
    for c in m.ConsensusScore.objects.filter(interview__in=interviews):
        agreed.setdefault(c.interview_id, {})[c.dimension] = c.value
    inputs = {pk: ({}, {}, [], 0) for pk in ids}
    complete = set()
    for interview in interviews:
        consensus, scorer_scores, counted, planned = inputs[interview.assessment_id]
        values = agreed.get(interview.pk, {})
        if keys[interview.assessment_id] <= set(values):
            complete.add(interview.pk)
            counted.append(interview)
            label = f"{interview.number}. {interview.respondent_role}"  # Interview.label
            for key, value in values.items():
                consensus[(label, key)] = value
        inputs[interview.assessment_id] = (consensus, scorer_scores, counted, planned + 1)
    open_ids = _unblinded_ids(ids, m) & complete
    scores = m.Score.objects.filter(
        sheet__interview__in=list(open_ids), sheet__submitted_at__isnull=False, value__isnull=False
    ).select_related("sheet")
    for s in scores:
        interview = by_pk[s.sheet.interview_id]
        label = f"{interview.number}. {interview.respondent_role}"
        key = (str(s.sheet.scorer_id), label, s.dimension)
        inputs[interview.assessment_id][1][key] = s.value
    return inputs


def _unblinded_ids(assessment_ids, models=None) -> set:
    """Interviews of these assessments that every scorer of their assessment has submitted."""
    m = models or _MODELS
    scorers: dict = {}
    for assessment_id, user_id in m.TeamMember.objects.filter(
        assessment_id__in=assessment_ids, role=TeamMember.Role.SCORER
    ).values_list("assessment_id", "user_id"):
        scorers.setdefault(assessment_id, set()).add(user_id)
    submitted: dict = {}
    for assessment_id, interview_id, scorer_id in m.ScoreSheet.objects.filter(
        interview__assessment_id__in=[pk for pk, users in scorers.items() if len(users) >= 2],
        submitted_at__isnull=False,
    ).values_list("interview__assessment_id", "interview_id", "scorer_id"):
        submitted.setdefault((assessment_id, interview_id), set()).add(scorer_id)
    return {interview for (assessment, interview), users in submitted.items() if scorers[assessment] <= users}


def result_of(assessment) -> tuple[scoring.Result | None, str]:
    """The assessment's scores and stages, or (None, why not yet). The result may be preliminary
    (`result.preliminary`): shown so to the team and staff, never published (`final_result_of`)."""
    return results_of([assessment])[assessment.pk]


def results_of(assessments) -> dict:
    """{assessment id: (result or None, why not)} as stored when the inputs last changed; computed (in a
    fixed number of queries) only for assessments never stored."""
    results = {}
    missing = []
    for a in assessments:
        if a.stored_result is None:
            missing.append(a)
        else:
            results[a.pk] = _from_stored(a.stored_result)
    if missing:
        computed = result_data(missing)
        results.update({a.pk: _from_stored(computed[a.pk]) for a in missing})
    return results


def computed_results_of(assessments) -> dict:
    """{assessment id: (result or None, why not)} computed from the scores now, never from what is
    stored: what services.results_store keeps, and what tests compare the stored result with."""
    return {pk: _from_stored(data) for pk, data in result_data(assessments).items()}


def result_data(assessments, models=None) -> dict:
    """{assessment id: what Assessment.stored_result keeps}: {"result": scoring.result_to_data(...) or
    None, "why": {language: why there is none}, "planned": interviews planned}. The reason is kept in
    every language of the site, since it is stored once and read in either."""
    inputs = _scoring_inputs(assessments, models)
    data = {}
    for a in assessments:
        result, why = _result(a, *inputs[a.pk])
        whys = {}
        if result is None:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    whys[code] = str(_result(a, *inputs[a.pk])[1])
        data[a.pk] = {
            "result": None if result is None else scoring.result_to_data(result),
            "why": whys,
            "planned": inputs[a.pk][3],
        }
    return data


def _from_stored(data) -> tuple[scoring.Result | None, str]:
    if data["result"] is not None:
        return scoring.result_from_data(data["result"]), ""
    whys = data["why"]
    return None, whys.get(translation.get_language() or "sv") or whys.get("sv", "")


def final_result_of(assessment) -> scoring.Result | None:
    """The result only when it is final: what public pages, the lägesbild, the yearly follow-up, the
    county overview and comparisons over time use. A preliminary result feeds none of them."""
    result, _why = result_of(assessment)
    return None if result is None or result.preliminary else result


def _result(assessment, consensus, scorer_scores, interviews, planned) -> tuple[scoring.Result | None, str]:
    if not interviews:
        return None, gettext("no interview has a consensus score on every dimension yet")
    try:
        result = scoring.compute(assessment.model, consensus, scorer_scores, assessment.step == "half")
    except scoring.ScoringError as exc:
        return None, str(exc)
    return replace(result, planned=planned, minimum=assessment.minimum_interviews), ""


def coverage_of(assessment, result) -> dict:
    """How complete the result is: {"scored", "planned", "needed", "preliminary"} (also without one)."""
    if result is not None:
        return {
            "scored": result.interviews,
            "planned": result.interviews_planned,
            "needed": result.interviews_needed,
            "preliminary": result.preliminary,
        }
    if assessment.stored_result is not None:
        planned = assessment.stored_result["planned"]
    else:
        planned = assessment.interviews.filter(status__in=COUNTING).count()
    return {
        "scored": 0,
        "planned": planned,
        "needed": max(planned, assessment.minimum_interviews),
        "preliminary": True,
    }


def missing_for_completion(assessment) -> list[str]:
    """Everything that keeps the assessment from being completed, each said exactly (empty: it can be).

    The model's procedure: every planned interview held (or cancelled), transcribed (or the reason why
    not recorded), scored by at least two scorers and agreed in consensus on every dimension; at least
    the assessment's minimum number of interviews."""
    missing = []
    keys = assessment.dimension_keys
    scorers = scorer_ids(assessment)
    if len(scorers) < 2:
        missing.append(gettext("The team needs at least two scorers."))
    interviews = list(
        assessment.interviews.filter(status__in=COUNTING).prefetch_related("consensus", "sheets")
    )
    complete = 0
    for interview in interviews:
        label = interview.label
        if interview.status == Interview.Status.PLANNED:
            missing.append(
                gettext("Interview %(label)s is only planned: mark it held (or cancelled).")
                % {"label": label}
            )
            continue
        if not interview.scorable:
            missing.append(
                gettext("Interview %(label)s has no transcript and no reason recorded for its absence.")
                % {"label": label}
            )
        agreed = {c.dimension for c in interview.consensus.all()}
        lacking = [k for k in keys if k not in agreed]
        if not lacking:
            complete += 1
            continue
        submitted = {s.scorer_id for s in interview.sheets.all() if s.submitted_at}
        waiting = len(scorers - submitted)
        if waiting:
            missing.append(
                ngettext(
                    "Interview %(label)s: %(n)s scorer has not submitted.",
                    "Interview %(label)s: %(n)s scorers have not submitted.",
                    waiting,
                )
                % {"label": label, "n": waiting}
            )
        missing.append(
            gettext("Interview %(label)s has no consensus score for %(dimensions)s.")
            % {
                "label": label,
                "dimensions": ", ".join(f"{k} ({dimension_name(k, assessment.model)})" for k in lacking),
            }
        )
    if complete < assessment.minimum_interviews:
        missing.append(
            ngettext(
                "%(n)s interview has consensus; the assessment needs at least %(minimum)s.",
                "%(n)s interviews have consensus; the assessment needs at least %(minimum)s.",
                complete,
            )
            % {"n": complete, "minimum": assessment.minimum_interviews}
        )
    return missing


def team_assessment_ids(user, assessments) -> set:
    """The assessments among these whose team the user is on (one query)."""
    if not user.is_authenticated:
        return set()
    ids = [a.pk for a in assessments if core.can_view(user, a)]
    return set(
        TeamMember.objects.filter(user=user, assessment_id__in=ids).values_list("assessment_id", flat=True)
    )


def results_visible_to(user, assessments, *, published: bool = False) -> dict:
    """{assessment id: result} of the assessments whose results `user` may see (rules.can_view_results,
    or with `published` also those published and completed), None where there is none yet."""
    team = team_assessment_ids(user, assessments)
    shown = [
        a
        for a in assessments
        if a.pk in team
        or (a.completed and core.can_view(user, a))
        or (published and a.published and a.completed)
    ]
    # A preliminary result is the team's working view only: never published, never for others.
    return {
        pk: result if result is not None and (pk in team or not result.preliminary) else None
        for pk, (result, _why) in results_of(shown).items()
    }


def same_issue(assessment):
    """Assessments of the same issue (same owner, same model, issue text alike) for change over time."""
    return (
        Assessment.objects.select_related("municipality", "collaboration")
        .filter(
            municipality=assessment.municipality,
            collaboration=assessment.collaboration,
            model=assessment.model,
            issue__iexact=assessment.issue.strip(),
            completed=True,
        )
        .order_by("created_at")
    )


def county_results(county):
    return (
        Assessment.objects.filter(municipality__county=county, completed=True)
        .filter(Q(published=True) | Q(shared_with_county=True))
        .select_related("municipality")
        .order_by("municipality__name", "-created_at")
    )


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


def guide_groups(assessment, language) -> list[dict]:
    """The interview guide's questions by dimension, in `language` (Swedish where no English is given)."""
    groups = []
    for key in assessment.dimension_keys:
        questions = [q for q in assessment.questions.all() if q.dimension == key]
        groups.append(
            {
                "key": key,
                "name": dimension_name(key, assessment.model, language),
                "questions": [
                    {
                        "pk": q.pk,
                        "text": (q.text_en or q.text_sv) if language == "en" else q.text_sv,
                        "required": q.required,
                    }
                    for q in questions
                ],
            }
        )
    return groups


def sheet_scores(sheets, key) -> list:
    """What each sheet gives dimension `key`: [{scorer, value, note}] in the sheets' order."""
    given = []
    for sheet in sheets:
        s = next((x for x in sheet.scores.all() if x.dimension == key), None)
        given.append({"scorer": sheet.scorer, "value": s.value if s else None, "note": s.note if s else ""})
    return given


def consensus_proposal(assessment, interview, sheets) -> dict:
    """The consensus form's starting values: what is recorded, else where every scorer agrees."""
    initial = {}
    for key in assessment.dimension_keys:
        given = {s.value for sheet in sheets for s in sheet.scores.all() if s.dimension == key}
        if len(given) == 1 and None not in given:
            initial[f"score_{key}"] = f"{given.pop():.1f}"
    for c in interview.consensus.all():
        initial[f"score_{c.dimension}"] = f"{c.value:.1f}"
        initial[f"note_{c.dimension}"] = c.reason
    return initial


def consensus_rows(assessment, sheets, language) -> list[dict]:
    """Per dimension, every scorer's score side by side with their spread (more than 1 is a disagreement)."""
    rows = []
    for key in assessment.dimension_keys:
        given = sheet_scores(sheets, key)
        values = [g["value"] for g in given if g["value"] is not None]
        spread = (max(values) - min(values)) if values else 0
        rows.append(
            {
                "key": key,
                "name": dimension_name(key, assessment.model, language),
                "given": given,
                "spread": spread,
                "disagree": bool(values) and spread > 1,
            }
        )
    return rows


def agreement(assessment, sheets):
    """How well the scorers agree (scoring.agreement_of), once there are two sheets with scores."""
    if len(sheets) < 2:
        return None
    data = {
        (str(sheet.scorer_id), "i", s.dimension): s.value
        for sheet in sheets
        for s in sheet.scores.all()
        if s.value is not None
    }
    return agreement_of(data, assessment.half_steps) if data else None


def comparison(user, assessment, language) -> dict:
    """Change over time: the completed assessments of the same issue whose results `user` may see, as
    columns, with each dimension's and the overall change from the first to the last."""
    others = list(same_issue(assessment))
    results = results_visible_to(user, others)
    columns = [
        {"assessment": other, "result": results[other.pk]}
        for other in others
        if results.get(other.pk) and not results[other.pk].preliminary
    ]
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
    return {"columns": columns, "rows": rows, "overall": overall, "overall_change": overall_change}


COUNTY_KEYS = ["A", "B", "C", "D", "E", "F"]


def county_rows(user, county, language) -> list[dict]:
    """The published or shared results of the county's municipalities that `user` may view."""
    assessments = [a for a in county_results(county) if core.can_view(user, a)]
    results = results_of(assessments)
    return [
        {
            "assessment": a,
            "result": results[a.pk][0],
            "stage_name": stage_name(results[a.pk][0].overall.stage, language),
        }
        for a in assessments
        if results[a.pk][0] is not None and not results[a.pk][0].preliminary
    ]


# Why a municipality has no row of results in the county table, said in its cell (as the county overview
# of reports does): the reader must not take an empty cell for a low score.
NOT_SHARED, PRELIMINARY, NO_ASSESSMENT = "not_shared", "preliminary", "none"


def county_gaps(county, municipalities, rows) -> list[dict]:
    """The county's municipalities without a result in `rows`, each with why (one query): an assessment
    completed and shared whose result is still preliminary (fewer interviews agreed than its minimum),
    an assessment not published or shared with the county board, or none at all."""
    shown = {r["assessment"].municipality_id for r in rows}
    kinds: dict = {}
    for place, completed, published, shared in Assessment.objects.filter(
        municipality__county=county
    ).values_list("municipality_id", "completed", "published", "shared_with_county"):
        kind = PRELIMINARY if completed and (published or shared) else NOT_SHARED
        if kinds.get(place) != PRELIMINARY:
            kinds[place] = kind
    return [
        {"municipality": m, "kind": kinds.get(m.pk, NO_ASSESSMENT)}
        for m in municipalities
        if m.pk not in shown
    ]


def county_csv_rows(rows):
    for r in rows:
        assessment, result = r["assessment"], r["result"]
        yield [
            assessment.municipality.name,
            assessment.issue,
            scoring.in_language(scoring.MODEL_NAMES[assessment.model], "sv"),
            *[str(result.dimensions[k].shown) if k in result.dimensions else "" for k in COUNTY_KEYS],
            str(result.overall.shown),
            result.overall.stage,
            "ja" if assessment.published else "nej",
        ]


def pending_sheet_import(user, assessment) -> SheetImport | None:
    """The sheet `user` uploaded for `assessment` and has not yet confirmed, unless it has expired."""
    return SheetImport.objects.filter(
        created_by=user, assessment=assessment, expires_at__gt=timezone.now()
    ).first()
