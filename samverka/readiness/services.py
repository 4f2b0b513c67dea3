"""Writes: each one transaction, permission checked, validated; bad input changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core import periods
from samverka.core import permissions as core
from samverka.core.concurrency import save_versioned
from samverka.core.ordering import moved, renumber
from samverka.core.permissions import Action
from samverka.readiness import permissions as rules
from samverka.readiness import scoring, texts
from samverka.readiness.models import (
    DEFAULT_MINIMUM,
    Assessment,
    ConsensusScore,
    Event,
    GuideQuestion,
    Interview,
    Score,
    ScoreSheet,
    SheetImport,
    TeamMember,
)
from samverka.readiness.sheets import Sheet, parse_sheet

TRANSCRIPT_MAX_BYTES = 2 * 1024 * 1024
# How long an uploaded sheet waits for its uploader to confirm the preview.
SHEET_IMPORT_LIFETIME = timedelta(hours=1)

# A Word file's package may unpack to this much (the XML markup around 2 MB of text, styles, images).
TRANSCRIPT_MAX_UNPACKED = 8 * TRANSCRIPT_MAX_BYTES
EDITABLE_FIELDS = [
    "issue",
    "substance_area",
    "community",
    "model",
    "step",
    "minimum_interviews",
    "minimum_reason",
    "summary",
]


def results_store(*, assessments) -> None:
    """Compute and keep the results of these assessments (a fixed number of queries for any number).

    Every write that changes a result's inputs – consensus and submitted scores, interviews, the team's
    scorers, the model, step and minimum, completion – calls it before its transaction ends, so the
    pages, the API and the county overview read a stored result and never compute one."""
    from samverka.readiness.selectors import result_data

    assessments = list(assessments)
    data = result_data(assessments)
    for a in assessments:
        a.stored_result = data[a.pk]
    Assessment.objects.bulk_update(assessments, ["stored_result"], batch_size=500)


def _refresh(assessment) -> None:
    results_store(assessments=[assessment])


def _check_team_users(owner, members):
    for member_user, _role in members:
        if not core.can_view(member_user, owner):
            raise ValidationError(
                _("%(user)s does not work in %(place)s and cannot be on the team.")
                % {"user": member_user.get_full_name() or member_user.username, "place": owner}
            )


@transaction.atomic
def assessment_create(
    *,
    user,
    owner,
    issue,
    substance_area,
    model,
    step,
    community="",
    team=(),
    respondents=(),
    minimum_interviews=DEFAULT_MINIMUM,
    minimum_reason="",
):
    """A new assessment with its team (the creator is a coordinator), the default guide and the planned
    respondents [(role, sector)]."""
    core.require(user, Action.PUBLISH, owner)
    owner_field = (
        {"collaboration": owner} if owner.__class__.__name__ == "Collaboration" else {"municipality": owner}
    )
    assessment = Assessment(
        issue=issue.strip(),
        substance_area=substance_area,
        model=model,
        step=step,
        community=community,
        minimum_interviews=minimum_interviews or DEFAULT_MINIMUM,
        minimum_reason=(minimum_reason or "").strip(),
        created_by=user,
        work_period=periods.period_at(owner, timezone.localdate()),
        **owner_field,
    )
    assessment.full_clean()
    assessment.save()
    members = [(user, TeamMember.Role.COORDINATOR), *team]
    team_set(user=user, assessment=assessment, members=members)
    guide_reset(assessment=assessment)
    for number, (role, sector) in enumerate(respondents, start=1):
        interview = Interview(assessment=assessment, number=number, respondent_role=role, sector=sector)
        interview.full_clean()
        interview.save()
    _refresh(assessment)
    return assessment


def guide_reset(*, assessment):
    issue = assessment.issue
    keys = assessment.dimension_keys
    order = 0
    for key, required, question in texts.GUIDE:
        # the five-dimension model asks the efforts questions under B
        dimension = key if key in keys else "B"
        order += 1
        GuideQuestion.objects.create(
            assessment=assessment,
            dimension=dimension,
            order=order,
            required=required,
            text_sv=texts.in_language(question, "sv").format(issue=issue),
            text_en=texts.in_language(question, "en").format(issue=issue),
        )


@transaction.atomic
def assessment_update(*, user, assessment, expected_version):
    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    stored_model = Assessment.objects.filter(pk=assessment.pk).values_list("model", flat=True).first()
    if (
        stored_model != assessment.model
        and ConsensusScore.objects.filter(interview__assessment=assessment).exists()
    ):
        raise ValidationError(_("The model cannot change once consensus scores are recorded."))
    stored_minimum = (
        Assessment.objects.filter(pk=assessment.pk).values_list("minimum_interviews", flat=True).first()
    )
    if assessment.completed and stored_minimum != assessment.minimum_interviews:
        raise ValidationError(_("Reopen the assessment before changing its minimum number of interviews."))
    save_versioned(assessment, expected_version, EDITABLE_FIELDS)
    if stored_minimum != assessment.minimum_interviews:
        Event.objects.create(
            assessment=assessment,
            kind=Event.Kind.MINIMUM_CHANGED,
            by=user,
            text=_("Minimum changed from %(old)s to %(new)s: %(reason)s")
            % {
                "old": stored_minimum,
                "new": assessment.minimum_interviews,
                "reason": assessment.minimum_reason,
            },
        )
    _refresh(assessment)
    return assessment


@transaction.atomic
def team_set(*, user, assessment, members):
    """Replace the team with [(user, role)]. At least two scorers are needed before scoring starts."""
    if not rules.can_manage(user, assessment) and not core.can(user, Action.PUBLISH, assessment):
        raise PermissionDenied
    _check_team_users(assessment.owner, members)
    wanted = {(member_user.pk, role): member_user for member_user, role in members}
    current = {(m.user_id, m.role): m for m in assessment.team.select_related("user")}
    for key, member in current.items():
        if key in wanted:
            continue
        member.delete()
        if member.role == TeamMember.Role.SCORER:
            _log_scorer_removed(user, assessment, member.user)
    for (user_id, role), member_user in wanted.items():
        if (user_id, role) not in current:
            TeamMember.objects.create(assessment=assessment, user=member_user, role=role)
    if not assessment.team.filter(role=TeamMember.Role.COORDINATOR).exists():
        raise ValidationError(_("The team needs at least one coordinator."))
    _refresh(assessment)  # the scorers decide which interviews' scores count towards agreement


def _log_scorer_removed(user, assessment, scorer):
    """A scorer leaves the team: their submitted sheets and every agreed consensus score stay."""
    sheets = ScoreSheet.objects.filter(interview__assessment=assessment, scorer=scorer)
    if not sheets.exists():
        return
    Event.objects.create(
        assessment=assessment,
        kind=Event.Kind.SCORER_REMOVED,
        by=user,
        text=_(
            "%(scorer)s was removed as scorer; their score sheets and every agreed consensus score are kept."
        )
        % {"scorer": scorer.get_full_name() or scorer.username},
    )


@transaction.atomic
def interview_save(*, user, interview, transcript_upload=None):
    if not rules.can_edit_interviews(user, interview.assessment):
        raise PermissionDenied
    if interview.assessment.completed:
        raise ValidationError(_("The assessment is completed: reopen it before changing its interviews."))
    if interview.status in (Interview.Status.PLANNED, Interview.Status.CANCELLED) and not interview.held_on:
        has_scores = interview.pk is not None and (
            ConsensusScore.objects.filter(interview=interview).exists()
            or ScoreSheet.objects.filter(interview=interview).exists()
        )
        if has_scores:
            raise ValidationError(
                _("Interview %(label)s already has scores: remove it instead of changing it back.")
                % {"label": interview.label}
            )
    if interview.status == Interview.Status.REMOVED:
        raise ValidationError(_("A removed interview cannot be changed."))
    if transcript_upload is not None:
        interview.transcript = read_transcript(transcript_upload)
    if interview.number is None:
        last = interview.assessment.interviews.order_by("-number").values_list("number", flat=True).first()
        interview.number = (last or 0) + 1
    if (
        interview.interviewer_id
        and not interview.assessment.team.filter(user_id=interview.interviewer_id).exists()
    ):
        raise ValidationError(_("The interviewer must be on the assessment's team."))
    interview.full_clean()
    interview.save()
    _refresh(interview.assessment)
    return interview


@transaction.atomic
def interview_remove(*, user, interview):
    """Take an interview out of the assessment. Without any scores it is deleted; with scores it is kept
    as removed, its agreed consensus scores and sheets untouched, so nothing agreed is lost. Either way
    the assessment's log says who removed what."""
    assessment = interview.assessment
    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    if assessment.completed:
        raise ValidationError(_("The assessment is completed: reopen it before changing its interviews."))
    agreed = ConsensusScore.objects.filter(interview=interview).count()
    sheets = ScoreSheet.objects.filter(interview=interview).count()
    if agreed or sheets:
        interview.status = Interview.Status.REMOVED
        interview.save(update_fields=["status"])
        text = ngettext(
            "Interview %(label)s was removed; its %(agreed)s consensus score and its score sheets are kept.",
            "Interview %(label)s was removed; its %(agreed)s consensus scores and its score sheets are kept.",
            agreed,
        ) % {"label": interview.label, "agreed": agreed}
    else:
        text = _("Interview %(label)s was removed (it had no scores).") % {"label": interview.label}
        interview.delete()
    Event.objects.create(assessment=assessment, kind=Event.Kind.INTERVIEW_REMOVED, by=user, text=text)
    _refresh(assessment)


def read_transcript(upload) -> str:
    """The text of an uploaded .txt or .docx transcript, or ValidationError.

    The 2 MB limit holds for the text itself, not only the file: a Word file is a zip package, and a
    50 kB one can unpack to a 50 MB document. Its document part is refused unpacked beyond a few times
    the limit (markup around the text), and the text is collected paragraph by paragraph, stopping at
    the limit."""
    from samverka.core.tabular import TableError, decode_text

    name = (upload.name or "").lower()
    if upload.size > TRANSCRIPT_MAX_BYTES:
        raise ValidationError(_("The transcript file is too large; the limit is 2 MB."))
    data = upload.read(TRANSCRIPT_MAX_BYTES + 1)
    if name.endswith(".txt"):
        try:
            return decode_text(data).replace("\r\n", "\n").strip()
        except TableError as exc:
            raise ValidationError(_("The text file could not be read as UTF-8 or Windows-1252.")) from exc
    if name.endswith(".docx"):
        return _docx_text(data)
    raise ValidationError(_("Upload a .txt or .docx file."))


def _transcript_too_large() -> ValidationError:
    return ValidationError(_("The transcript's text is larger than 2 MB; split it into smaller files."))


def _docx_text(data: bytes) -> str:
    import io
    import zipfile

    from docx import Document

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("The Word file could not be read.")) from exc
    if unpacked > TRANSCRIPT_MAX_UNPACKED:
        raise _transcript_too_large()
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises its own kinds for a broken package
        raise ValidationError(_("The Word file could not be read.")) from exc
    parts, size = [], 0
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not text.strip():
            continue
        size += len(text.encode("utf-8")) + 2
        if size > TRANSCRIPT_MAX_BYTES:
            raise _transcript_too_large()
        parts.append(text)
    return "\n\n".join(parts)


def score_field(key: str) -> str:
    """The name of a dimension's score in the scoring forms: a refused score's error goes onto it."""
    return f"score_{key}"


def note_field(key: str) -> str:
    """The name of a dimension's note (the reason, in consensus) in the scoring forms."""
    return f"note_{key}"


@transaction.atomic
def score_save(*, user, interview, values: dict, submit: bool = False):
    """Save one scorer's draft {dimension: (value or None, note)}; with submit, every dimension needs a
    score and the sheet is closed. A submitted sheet cannot change."""
    assessment = interview.assessment
    if not rules.can_score(user, assessment):
        raise PermissionDenied
    if not interview.scorable:
        raise ValidationError(interview.not_scorable_reason())
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(interview=interview, scorer=user)
    if sheet.submitted_at is not None:
        raise ValidationError(_("You have already submitted your scores for this interview."))
    errors: dict = {}
    for key in assessment.dimension_keys:
        value, note = values.get(key, (None, ""))
        if value is not None:
            try:
                scoring.check_score(value, assessment.half_steps)
            except scoring.ScoringError:
                errors[score_field(key)] = _("Dimension %(key)s: the score must be 1–9 in allowed steps.") % {
                    "key": key
                }
                continue
        elif submit:
            errors[score_field(key)] = _("Dimension %(key)s has no score yet.") % {"key": key}
        Score.objects.update_or_create(
            sheet=sheet, dimension=key, defaults={"value": value, "note": (note or "").strip()}
        )
    if errors:
        raise ValidationError(errors)
    if submit:
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at"])
        _refresh(assessment)  # a submitted sheet may unblind the interview's scores for agreement
    return sheet


@transaction.atomic
def consensus_save(*, user, interview, values: dict):
    """Record {dimension: (value, reason)} for an interview every scorer has submitted. A reason is
    required where the consensus differs from a scorer's score."""
    assessment = interview.assessment
    if not rules.can_record_consensus(user, assessment):
        raise PermissionDenied
    if not interview.scorable:
        raise ValidationError(interview.not_scorable_reason())
    if assessment.completed:
        raise ValidationError(_("The assessment is completed: reopen it before changing its scores."))
    if not rules.all_submitted(interview):
        raise ValidationError(_("Every scorer must submit before the team agrees on consensus scores."))
    given: dict = {}
    for sheet in interview.sheets.prefetch_related("scores"):
        for score in sheet.scores.all():
            if score.value is not None:
                given.setdefault(score.dimension, set()).add(Decimal(score.value))
    errors: dict = {}
    for key in assessment.dimension_keys:
        value, reason = values.get(key, (None, ""))
        if value is None:
            errors[score_field(key)] = _("Dimension %(key)s needs a consensus score.") % {"key": key}
            continue
        try:
            scoring.check_score(value, assessment.half_steps)
        except scoring.ScoringError:
            errors[score_field(key)] = _("Dimension %(key)s: the score must be 1–9 in allowed steps.") % {
                "key": key
            }
            continue
        if any(Decimal(value) != v for v in given.get(key, ())) and not (reason or "").strip():
            errors[note_field(key)] = _("Dimension %(key)s: say why the consensus differs from a scorer.") % {
                "key": key
            }
            continue
        ConsensusScore.objects.update_or_create(
            interview=interview,
            dimension=key,
            defaults={"value": value, "reason": (reason or "").strip(), "decided_by": user},
        )
    if errors:
        raise ValidationError(errors)
    _refresh(assessment)


@transaction.atomic
def assessment_complete(*, user, assessment, completed=True):
    from samverka.readiness.selectors import missing_for_completion

    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    if completed:
        missing = missing_for_completion(assessment)
        if missing:
            raise ValidationError([_("The assessment cannot be completed yet. What is missing:"), *missing])
    assessment.completed = completed
    if not completed:
        # Reopened for changes: no longer public, no longer shared with the county board.
        assessment.published = False
        assessment.shared_with_county = False
    assessment.full_clean()
    assessment.save(update_fields=["completed", "published", "shared_with_county", "version"])
    _refresh(assessment)
    return assessment


@transaction.atomic
def assessment_publish(*, user, assessment, published: bool, shared_with_county: bool):
    if not rules.can_manage(user, assessment) or not core.can(user, Action.EDIT, assessment):
        raise PermissionDenied
    if (published or shared_with_county) and not assessment.completed:
        raise ValidationError(_("Only a completed assessment can be published or shared."))
    if published and assessment.municipality_id is None:
        raise ValidationError(_("Only a municipality's assessment has a public page."))
    assessment.published = published
    assessment.shared_with_county = shared_with_county
    assessment.save(update_fields=["published", "shared_with_county"])
    return assessment


@transaction.atomic
def scores_import(*, user, assessment, sheet: Sheet):
    """Load consensus (and scorer) scores from a parsed sheet, all or nothing.

    Sheet interviews match the assessment's interviews by number or by label ("1. Head teacher") or
    respondent role; unknown ones become new interviews. Scorer names must be team scorers' user names.
    Imported scorer scores are stored as submitted sheets.
    """
    from django.contrib.auth import get_user_model

    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    if assessment.completed:
        raise ValidationError(_("The assessment is completed: reopen it before changing its scores."))
    if sheet.model != assessment.model:
        raise ValidationError(_("The sheet was read with another model than the assessment's."))
    sheet.result(assessment.half_steps)  # every rule once more, before anything is written
    scorers = {
        u.username.lower(): u
        for u in get_user_model().objects.filter(
            pk__in=assessment.team.filter(role=TeamMember.Role.SCORER).values("user_id")
        )
    }
    unknown = [s for s in sheet.scorers if s.lower() not in scorers]
    if unknown:
        raise ValidationError(
            _("Scorer %(name)s is not a scorer on this assessment's team (use their user name).")
            % {"name": unknown[0]}
        )
    existing = list(assessment.interviews.exclude(status=Interview.Status.REMOVED))
    by_key = {}
    for i in existing:
        for key in (str(i.number), i.label.lower(), i.respondent_role.lower()):
            by_key.setdefault(key, i)
    interviews = {}
    next_number = max([i.number for i in existing], default=0)
    for name in sheet.interviews:
        interview = by_key.get(name.lower())
        if interview is None:
            next_number += 1
            interview = Interview.objects.create(
                assessment=assessment,
                number=next_number,
                respondent_role=name[:120],
                sector="other",
                held_on=timezone.localdate(),
                status=Interview.Status.HELD,
                no_transcript_reason=_("Scored outside Samverka; imported from a scoring sheet."),
            )
        elif interview.status != Interview.Status.HELD or not interview.scorable:
            # The sheet holds the scores of an interview held and scored outside Samverka.
            interview.held_on = interview.held_on or timezone.localdate()
            interview.status = Interview.Status.HELD
            if not interview.transcript.strip() and not interview.no_transcript_reason.strip():
                interview.no_transcript_reason = _("Scored outside Samverka; imported from a scoring sheet.")
            interview.save(update_fields=["held_on", "status", "no_transcript_reason"])
        interviews[name] = interview
    for (name, key), value in sheet.consensus.items():
        ConsensusScore.objects.update_or_create(
            interview=interviews[name],
            dimension=key,
            defaults={"value": Decimal(value.numerator) / Decimal(value.denominator), "decided_by": user},
        )
    now = timezone.now()
    for (scorer, name, key), value in sheet.scorer_scores.items():
        score_sheet, _created = ScoreSheet.objects.get_or_create(
            interview=interviews[name], scorer=scorers[scorer.lower()]
        )
        if score_sheet.submitted_at is None:
            score_sheet.submitted_at = now
            score_sheet.save(update_fields=["submitted_at"])
        Score.objects.update_or_create(
            sheet=score_sheet,
            dimension=key,
            defaults={"value": Decimal(value.numerator) / Decimal(value.denominator)},
        )
    _refresh(assessment)
    return interviews


@transaction.atomic
def guide_save(*, user, assessment, questions, deleted=()):
    """Save the interview guide's changed and new questions and delete the removed ones, all or nothing.

    A question of a dimension the assessment's model does not have goes to B (knowledge of the efforts).
    """
    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    for question in questions:
        if question.dimension not in assessment.dimension_keys:
            question.dimension = "B"
        question.assessment = assessment
        if question._state.adding:  # a new question comes last in its dimension; the arrows move it
            last = assessment.questions.filter(dimension=question.dimension).aggregate(last=Max("order"))[
                "last"
            ]
            question.order = (last or 0) + 1
        question.full_clean()
        question.save()
    for question in deleted:
        if question.assessment_id != assessment.pk:
            raise PermissionDenied
        question.delete()


@transaction.atomic
def guide_move(*, user, question: GuideQuestion, up: bool) -> bool:
    """Move a guide question one place up or down within its dimension; False at the edge."""
    if not rules.can_manage(user, question.assessment):
        raise PermissionDenied
    same = question.assessment.questions.filter(dimension=question.dimension).select_for_update()
    order = moved(list(same.order_by("order", "pk")), question, up)
    if order is None:
        return False
    renumber(order)
    return True


@transaction.atomic
def sheet_import_stage(*, user, assessment, file_name: str, data: bytes) -> SheetImport:
    """Keep an uploaded sheet, whose preview the user has seen, until they confirm it (or it expires).

    The user's earlier upload for the assessment and every expired upload are removed.
    """
    if not rules.can_manage(user, assessment):
        raise PermissionDenied
    now = timezone.now()
    SheetImport.objects.filter(expires_at__lte=now).delete()
    SheetImport.objects.filter(created_by=user, assessment=assessment).delete()
    return SheetImport.objects.create(
        assessment=assessment,
        created_by=user,
        file_name=file_name[:255],
        data=data,
        expires_at=now + SHEET_IMPORT_LIFETIME,
    )


@transaction.atomic
def sheet_import_confirm(*, user, upload: SheetImport):
    """Import a kept sheet (raises ScoringError or ValidationError and saves nothing when it fails)."""
    if upload.created_by_id != user.pk or upload.expires_at <= timezone.now():
        raise PermissionDenied
    assessment = upload.assessment
    sheet = parse_sheet(
        bytes(upload.data), upload.file_name, model=assessment.model, half_steps=assessment.half_steps
    )
    scores_import(user=user, assessment=assessment, sheet=sheet)
    upload.delete()
