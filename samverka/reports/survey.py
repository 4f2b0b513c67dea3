"""Länsrapporten, the county board's yearly survey: its questions live in data/lansrapporten.yaml, and
each is answered here from Samverka's data, with where the answer came from.

A question is `answered` (pre-filled), `no_data` (Samverka could answer it, but nothing is recorded yet:
fill in the settings page) or `manual` (Samverka holds no such data: the municipality answers by hand).
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.activities.models import Activity
from samverka.core.selectors import organisations_of
from samverka.promises.models import ActionPlan, Goal, PlanState, Promise, PromiseState
from samverka.readiness import selectors as readiness_selectors
from samverka.readiness.models import Assessment
from samverka.reports.models import ProgrammeDocument, YearlyFollowUp
from samverka.reports.services import settings_for
from samverka.situation.models import ActivityCount, SituationReport

SURVEY_FILE = Path(__file__).parent / "data" / "lansrapporten.yaml"
# Every survey Samverka fills, by the name in its address: Länsrapporten and Brå's questions on the law.
SURVEYS = {"lansrapporten": SURVEY_FILE, "bra-lagen": Path(__file__).parent / "data" / "bra_lagen.yaml"}
SOURCES = {
    "settings",
    "programme",
    "organisations",
    "collaborations",
    "activities",
    "readiness",
    "promises",
    "situation",
    "counts",
    "plan",
    "problems",
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
    meta = {"title": data.get("title", ""), "year": data.get("year")}
    meta["sheet"] = str(data.get("sheet") or meta["title"])[:31]  # Excel's limit on a sheet's name
    return meta, questions


@lru_cache(maxsize=4)
def survey(name: str = "lansrapporten") -> tuple[dict, list[Question]]:
    return load_questions(SURVEYS[name])


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class Answerer:
    """Answers the questions for one municipality; loads each kind of data once."""

    def __init__(self, municipality, year: int | None = None, today: date | None = None):
        self.municipality = municipality
        self.today = today or timezone.localdate()
        self.year = year or self.today.year
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
        if not docs and show == "measurable_targets":
            return self._measurable_targets(docs, source, "")
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
            return self._measurable_targets(docs, source, described)
        if show == "funds":
            funded = [d for d in docs if d.has_funds]
            return Answer(ANSWERED, _yes_no(bool(funded)), f"{source}: {described}")
        if show == "contents":
            return Answer(ANSWERED, latest.contents, f"{source}: {latest.title}")
        raise SurveyFileError(f"unknown programme answer {show!r}")

    def _measurable_targets(self, docs, source, described):
        """Yes when a programme document says so or an adopted åtgärdsplan has a goal with a target value:
        a plan with targets has measurable targets, whatever the document's tick box says."""
        plans = sorted(
            {
                g.plan.title
                for g in Goal.objects.filter(
                    plan__municipality=self.municipality,
                    plan__state__in=[PlanState.ADOPTED, PlanState.CONCLUDED],
                    target_value__isnull=False,
                ).select_related("plan")
            }
        )
        with_targets = [d for d in docs if d.has_measurable_targets]
        parts = [p for p in [described] if p]
        if plans:
            parts.append(_("action plans with target values: %(plans)s") % {"plans": "; ".join(plans)})
        return Answer(
            ANSWERED,
            _yes_no(bool(with_targets or plans)),
            f"{source}: " + " – ".join(parts) if parts else source,
        )

    def _counts(self, spec):
        """A yearly total of the quarterly counts partners record (e.g. licence inspections)."""
        kind = spec["kind"]
        label = ActivityCount.Kind(kind).label
        rows = ActivityCount.objects.filter(municipality=self.municipality, kind=kind, year=self.year)
        quarters = sorted(set(rows.values_list("quarter", flat=True)))
        source = _("Samverka: recorded counts – %(what)s, %(year)s") % {"what": label, "year": self.year}
        if not quarters:
            return Answer(
                NO_DATA,
                "",
                source + " – " + _("none recorded for the year: record them or answer by hand"),
            )
        total = rows.aggregate(n=Sum("number"))["n"]
        if len(quarters) < 4:
            missing = ", ".join(f"Q{q}" for q in range(1, 5) if q not in quarters)
            source += " – " + _("not recorded for %(quarters)s: check by hand") % {"quarters": missing}
        return Answer(ANSWERED, total, source)

    def plans(self):
        return list(
            ActionPlan.objects.filter(
                municipality=self.municipality, state__in=[PlanState.ADOPTED, PlanState.CONCLUDED]
            )
            .prefetch_related("goals")
            .order_by("-start")
        )

    def _plan(self, spec):
        show = spec.get("show", "adopted")
        source = _("Samverka: the action plan")
        plans = self.plans()
        if not plans:
            return Answer(ANSWERED, _yes_no(False), source + " – " + _("no adopted action plan"))
        latest = plans[0]
        described = f"{latest.title} ({latest.start:%Y}–{latest.end:%Y})"
        if show == "adopted":
            adopted = f", {latest.adopted_on:%Y-%m-%d}" if latest.adopted_on else ""
            return Answer(ANSWERED, f"{_yes_no(True)}: {described}{adopted}", source)
        if show == "measurable_targets":
            goals = list(latest.goals.all())
            measurable = [g for g in goals if g.target_value is not None]
            return Answer(
                ANSWERED,
                _yes_no(bool(measurable)),
                f"{source}: {described} – "
                + ngettext(
                    "%(measurable)s of %(goals)s goal with a target value",
                    "%(measurable)s of %(goals)s goals with a target value",
                    len(goals),
                )
                % {"measurable": len(measurable), "goals": len(goals)},
            )
        if show == "followed_up":
            follow_up = (
                YearlyFollowUp.objects.filter(municipality=self.municipality, year=self.year)
                .exclude(text="")
                .first()
            )
            if follow_up is None:
                return Answer(
                    ANSWERED,
                    _yes_no(False),
                    source + " – " + _("no yearly follow-up written for %(year)s") % {"year": self.year},
                )
            return Answer(
                ANSWERED, _yes_no(True), source + " – " + _("yearly follow-up %(year)s") % {"year": self.year}
            )
        raise SurveyFileError(f"unknown plan answer {show!r}")

    def _problems(self, spec):
        source = _("Samverka: the prioritised problems of the newest adopted lägesbild")
        report = (
            SituationReport.objects.filter(
                municipality=self.municipality, status=SituationReport.Status.ADOPTED
            )
            .order_by(F("adopted_at").desc(nulls_last=True), "-period")
            .first()
        )
        problems = list(report.problems.all()) if report else []
        if not problems:
            return Answer(ANSWERED, _yes_no(False), source + " – " + _("none prioritised"))
        analysed = [p for p in problems if p.cause_analysis.strip()]
        return Answer(
            ANSWERED,
            _yes_no(bool(analysed)),
            f"{source}: {report.title} – "
            + ngettext(
                "%(analysed)s of %(problems)s problem with a cause analysis",
                "%(analysed)s of %(problems)s problems with a cause analysis",
                len(problems),
            )
            % {"analysed": len(analysed), "problems": len(problems)},
        )

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
        ).order_by(F("adopted_at").desc(nulls_last=True), "-period")
        if not reports:
            return Answer(ANSWERED, _yes_no(False), source)
        latest = reports[0]
        described = f"{latest.title} ({latest.period}"
        if latest.adopted_at:
            described += ", " + _("adopted on %(day)s") % {"day": f"{latest.adopted_at:%Y-%m-%d}"}
        described += ")"
        within = spec.get("within_years")
        if within:
            # "within the last two years": adopted on or after the same day two years ago.
            since = years_before(self.today, int(within))
            if latest.adopted_at is None or latest.adopted_at < since:
                return Answer(
                    ANSWERED,
                    _yes_no(False),
                    source
                    + " – "
                    + _("the newest adopted one, %(report)s, is older than %(since)s")
                    % {"report": described, "since": f"{since:%Y-%m-%d}"},
                )
        return Answer(ANSWERED, f"{_yes_no(True)}: {described}", source)


def answers_for(
    municipality, today: date | None = None, name: str = "lansrapporten"
) -> list[tuple[Question, Answer]]:
    meta, questions = survey(name)
    answerer = Answerer(municipality, year=meta.get("year"), today=today)
    return [(q, answerer.answer(q)) for q in questions]


def status_label(status: str) -> str:
    return {
        ANSWERED: _("Pre-filled from Samverka"),
        NO_DATA: _("Not recorded in Samverka yet"),
        MANUAL: _("Cannot be answered from Samverka's data: answer by hand"),
    }[status]
