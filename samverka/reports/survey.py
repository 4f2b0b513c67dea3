"""Länsrapporten, the county board's yearly survey: its questions live in data/lansrapporten.yaml, and
each is answered here from Samverka's data, with where the answer came from.

A question is `answered` (pre-filled), `no_data` (Samverka could answer it, but nothing is recorded yet:
fill in the settings page) or `manual` (Samverka holds no such data: the municipality answers by hand).
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.activities.models import Activity
from samverka.core.selectors import organisations_of
from samverka.promises.models import Promise, PromiseState
from samverka.readiness import selectors as readiness_selectors
from samverka.readiness.models import Assessment
from samverka.reports.models import ProgrammeDocument
from samverka.reports.services import settings_for
from samverka.situation.models import SituationReport

SURVEY_FILE = Path(__file__).parent / "data" / "lansrapporten.yaml"
SOURCES = {
    "settings",
    "programme",
    "organisations",
    "collaborations",
    "activities",
    "readiness",
    "promises",
    "situation",
}
ANSWERED, NO_DATA, MANUAL = "answered", "no_data", "manual"


@dataclass(frozen=True)
class Answer:
    status: str
    value: object = ""
    source: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    text: str
    answer: dict | None
    note: str = ""


class SurveyFileError(ValueError):
    pass


def load_questions(path: Path = SURVEY_FILE) -> tuple[dict, list[Question]]:
    """Read and check the survey file; a mistake in it is reported with the question's id."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SurveyFileError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise SurveyFileError(f"{path.name}: expected a mapping with a list of questions")
    questions, seen = [], set()
    for q in data["questions"]:
        qid = str(q.get("id", "?"))
        if qid in seen:
            raise SurveyFileError(f"{path.name}: question {qid} appears twice")
        seen.add(qid)
        answer = q.get("answer")
        if answer == "none":
            answer = None
        elif not isinstance(answer, dict) or answer.get("from") not in SOURCES:
            raise SurveyFileError(f"{path.name}: question {qid} has no known answer source ({answer!r})")
        if not q.get("text") or not q.get("section"):
            raise SurveyFileError(f"{path.name}: question {qid} needs a section and a text")
        questions.append(Question(qid, q["section"], q["text"], answer, q.get("note", "")))
    return {"title": data.get("title", ""), "year": data.get("year")}, questions


@lru_cache(maxsize=1)
def survey() -> tuple[dict, list[Question]]:
    return load_questions()


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class Answerer:
    """Answers the questions for one municipality; loads each kind of data once."""

    def __init__(self, municipality):
        self.municipality = municipality
        self.settings = settings_for(municipality)
        self._docs = None

    def answer(self, question: Question) -> Answer:
        if question.answer is None:
            return Answer(MANUAL, "", question.note or _("Samverka holds no data for this question."))
        spec = question.answer
        return getattr(self, f"_{spec['from']}")(spec)

    # --- sources -------------------------------------------------------------------------------------

    def _settings(self, spec):
        field = spec["field"]
        value = getattr(self.settings, field, None)
        label = self.settings._meta.get_field(field).verbose_name
        source = _("Samverka: the municipality's prevention settings – %(field)s") % {"field": label}
        if value in (None, ""):
            return Answer(NO_DATA, "", source)
        if spec.get("show") == "exists":
            return Answer(ANSWERED, f"{_yes_no(True)} ({value})", source)
        return Answer(ANSWERED, value, source)

    def documents(self):
        if self._docs is None:
            collabs = self.municipality.collaborations.values_list("pk", flat=True)
            self._docs = list(
                ProgrammeDocument.objects.filter(
                    Q(municipality=self.municipality) | Q(collaboration__in=collabs)
                ).order_by("-year_adopted")
            )
        return self._docs

    def _programme(self, spec):
        kind, show = spec.get("kind", "any"), spec.get("show", "exists")
        docs = [d for d in self.documents() if kind == "any" or d.kind == kind]
        source = _("Samverka: adopted programme documents")
        if not docs:
            if show == "exists":
                return Answer(ANSWERED, _yes_no(False), source + " – " + _("none recorded"))
            return Answer(NO_DATA, "", source)
        latest = docs[0]
        described = "; ".join(f"{d.title} ({d.year_adopted})" for d in docs)
        if show == "exists":
            return Answer(ANSWERED, f"{_yes_no(True)}: {described}", source)
        if show == "year":
            return Answer(ANSWERED, latest.year_adopted, f"{source}: {latest.title}")
        if show == "measurable_targets":
            with_targets = [d for d in docs if d.has_measurable_targets]
            return Answer(ANSWERED, _yes_no(bool(with_targets)), f"{source}: {described}")
        if show == "funds":
            funded = [d for d in docs if d.has_funds]
            return Answer(ANSWERED, _yes_no(bool(funded)), f"{source}: {described}")
        if show == "contents":
            return Answer(ANSWERED, latest.contents, f"{source}: {latest.title}")
        raise SurveyFileError(f"unknown programme answer {show!r}")

    def _organisations(self, spec):
        kinds = spec.get("kinds")
        orgs = organisations_of(self.municipality)
        if kinds:
            orgs = orgs.filter(kind__in=kinds)
        names = [o.name for o in orgs]
        source = _("Samverka: organisations working in the municipality")
        return Answer(ANSWERED, "; ".join(names), source) if names else Answer(NO_DATA, "", source)

    def _collaborations(self, spec):
        collabs = list(self.municipality.collaborations.prefetch_related("municipalities"))
        source = _("Samverka: collaborations")
        if not collabs:
            return Answer(ANSWERED, _yes_no(False), source)
        text = "; ".join(f"{c.name} ({', '.join(m.name for m in c.municipalities.all())})" for c in collabs)
        return Answer(ANSWERED, f"{_yes_no(True)}: {text}", source)

    def _activities(self, spec):
        qs = Activity.objects.filter(municipality=self.municipality, status="active")
        if spec.get("arena"):
            qs = qs.filter(arena=spec["arena"])
        n = qs.count()
        research = qs.filter(evidence_basis="research").count()
        return Answer(
            ANSWERED,
            n,
            _("Samverka: the activity catalogue, active activities (%(research)s of them evidence-based)")
            % {"research": research},
        )

    def _readiness(self, spec):
        source = _("Samverka: readiness assessments")
        latest = (
            Assessment.objects.filter(municipality=self.municipality, completed=True)
            .order_by("-created_at")
            .first()
        )
        if latest is None:
            return Answer(ANSWERED, _yes_no(False), source)
        result = readiness_selectors.final_result_of(latest)  # never a preliminary result
        stage = f", {_('stage')} {result.overall.stage}" if result is not None else ""
        return Answer(ANSWERED, f"{_yes_no(True)}: {latest.issue} ({latest.created_at:%Y}{stage})", source)

    def _promises(self, spec):
        source = _("Samverka: citizen promises")
        promises = Promise.objects.filter(
            municipality=self.municipality, state__in=[PromiseState.ACTIVE, PromiseState.CONCLUDED]
        ).order_by("-start")
        if not promises:
            return Answer(ANSWERED, _yes_no(False), source)
        return Answer(
            ANSWERED,
            f"{_yes_no(True)}: " + "; ".join(f"{p.title} ({p.period_label})" for p in promises),
            source,
        )

    def _situation(self, spec):
        source = _("Samverka: the lägesbild")
        reports = SituationReport.objects.filter(
            municipality=self.municipality, status=SituationReport.Status.ADOPTED
        ).order_by("-adopted_at", "-period")
        if not reports:
            return Answer(ANSWERED, _yes_no(False), source)
        latest = reports[0]
        return Answer(ANSWERED, f"{_yes_no(True)}: {latest.title} ({latest.period})", source)


def answers_for(municipality) -> list[tuple[Question, Answer]]:
    meta, questions = survey()
    answerer = Answerer(municipality)
    return [(q, answerer.answer(q)) for q in questions]


def status_label(status: str) -> str:
    return {
        ANSWERED: _("Pre-filled from Samverka"),
        NO_DATA: _("Not recorded in Samverka yet"),
        MANUAL: _("Cannot be answered from Samverka's data: answer by hand"),
    }[status]
