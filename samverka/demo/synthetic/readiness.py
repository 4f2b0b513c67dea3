"""Community Readiness assessments: team, interviews (respondents are roles), two scorers, consensus."""

import datetime
from decimal import Decimal

from samverka.readiness.models import (
    Assessment,
    ConsensusScore,
    Interview,
    Score,
    ScoreSheet,
    Sector,
    SubstanceArea,
    TeamMember,
)
from samverka.readiness.scoring import MODELS
from samverka.readiness.services import results_store

ISSUES = [
    "Alkohol och droger bland unga",
    "Langning av alkohol till minderåriga",
    "Spel om pengar bland unga vuxna",
    "Snus och vitt snus i skolan",
    "Cannabis bland gymnasieelever",
]
ROLES = [
    "rektor",
    "fritidsledare",
    "kommunpolis",
    "skolsköterska",
    "socialsekreterare",
    "föreningsledare",
    "präst",
    "fältsekreterare",
    "ungdomsrådets ordförande",
]
BASE_DATE = datetime.date(2026, 3, 1)


def generate(ctx):
    rng, scale = ctx.rng, ctx.scale
    dimensions = MODELS["six"]
    assessments, team, interviews, sheets, scores, consensus = [], [], [], [], [], []
    submitted = datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC)
    for number in range(scale.assessments):
        place = ctx.municipalities[number % len(ctx.municipalities)]
        coordinator = ctx.user_ids[f"{place.slug}-samordnare"]
        editor = ctx.user_ids[f"{place.slug}-redaktor"]
        completed = rng.random() < 0.7
        assessment = Assessment(
            id=ctx.uuid(),
            municipality_id=place.pk,
            issue=rng.choice(ISSUES),
            substance_area=rng.choice(SubstanceArea.values),
            community=f"Unga 13–20 år i {place.name}",
            completed=completed,
            published=completed and rng.random() < 0.6,
            summary="Beredskapen är låg till måttlig; kunskap om problemet är den lägsta dimensionen.",
            created_by_id=coordinator,
        )
        assessments.append(assessment)
        team += [
            TeamMember(assessment_id=assessment.pk, user_id=coordinator, role="coordinator"),
            TeamMember(assessment_id=assessment.pk, user_id=coordinator, role="scorer"),
            TeamMember(assessment_id=assessment.pk, user_id=editor, role="scorer"),
            TeamMember(assessment_id=assessment.pk, user_id=editor, role="interviewer"),
        ]
        level = rng.uniform(2, 6)
        for index in range(scale.interviews_per_assessment):
            interview = Interview(
                id=ctx.uuid(),
                assessment_id=assessment.pk,
                number=index + 1,
                respondent_role=rng.choice(ROLES),
                sector=rng.choice(Sector.values),
                held_on=BASE_DATE - datetime.timedelta(days=rng.randrange(0, 900)),
                status=Interview.Status.HELD,
                no_transcript_reason="Syntetiska data: ingen utskrift.",
                interviewer_id=editor,
            )
            interviews.append(interview)
            for scorer in (coordinator, editor):
                sheet = ScoreSheet(
                    id=ctx.uuid(), interview_id=interview.pk, scorer_id=scorer, submitted_at=submitted
                )
                sheets.append(sheet)
                for dimension in dimensions:
                    value = max(1, min(9, round(level + rng.uniform(-1.5, 1.5))))
                    scores.append(Score(sheet_id=sheet.pk, dimension=dimension, value=Decimal(value)))
            if completed:
                for dimension in dimensions:
                    value = max(1, min(9, round(level + rng.uniform(-1, 1))))
                    consensus.append(
                        ConsensusScore(
                            interview_id=interview.pk,
                            dimension=dimension,
                            value=Decimal(value),
                            decided_by_id=coordinator,
                        )
                    )
    for model, objects in [
        (Assessment, assessments),
        (TeamMember, team),
        (Interview, interviews),
        (ScoreSheet, sheets),
        (Score, scores),
        (ConsensusScore, consensus),
    ]:
        ctx.bulk(model, objects)
    # The stored results, as the services keep them, 200 assessments at a time (bounded IN lists).
    for start in range(0, len(assessments), 200):
        results_store(assessments=assessments[start : start + 200])
