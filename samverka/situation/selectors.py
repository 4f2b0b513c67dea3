"""Reads for the lägesbild: series for charts, the document's parts, what the public may see."""

import datetime
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext

from samverka.core import charts, permissions
from samverka.core.models import Municipality, owner_fields
from samverka.core.smallnumbers import is_small, public_count
from samverka.indicators.models import Group, Indicator, Observation, Place
from samverka.indicators.parsing import SOURCE_NAMES, group_words
from samverka.promises.models import ActionPlan, Commitment, Goal, PlanState
from samverka.promises.process import owner_q, period_q
from samverka.promises.selectors import PUBLIC_STATES
from samverka.situation import contributions
from samverka.situation.analysis import period_x, priority_order, priority_score, trend
from samverka.situation.models import (
    ActivityCount,
    KeyEvent,
    PartnerNote,
    Problem,
    ReportIndicator,
    SituationReport,
)


def comparison_places(owner) -> list[Place]:
    """The owner's own place(s) first, then its county, then the country: the lines of a chart."""

    if isinstance(owner, Municipality):
        municipalities = [owner]
        county_ids = [owner.county_id]
    else:
        municipalities = list(owner.municipalities.all())
        county_ids = sorted({m.county_id for m in municipalities})
    ordered = list(Place.objects.filter(municipality__in=municipalities).order_by("name"))
    ordered += list(Place.objects.filter(county_id__in=county_ids).order_by("code"))
    ordered += list(Place.objects.filter(code="0000"))
    return ordered


# What a lägesbild reads of an observation, stored and in its snapshot (older snapshots lack the
# denominator, the last).
OBSERVATION_FIELDS = ("place_id", "period", "value", "count", "status", "denominator")
NOTHING = (None, None, "", None)  # value, count, status, denominator of a period with no observation


def indicator_series(
    indicator, places: list[Place], group: str = "T", public: bool = False, observations=None
) -> dict:
    """{'periods': [...], 'lines': [(place, [(period, value)])], 'rows': [(period, [cell, ...])]}.

    For the public, values of count indicators below 5 are left out of the lines and shown as
    "fewer than 5" in the table, as are counts and denominators below 5. `observations` (place id,
    period, value, count, status, denominator) replace the stored ones: a frozen lägesbild passes those of
    its adoption day. A cell with no observation behind it has `observed` False.
    """
    if observations is None:
        observations = Observation.objects.filter(
            indicator=indicator, group=group, place__in=places
        ).values_list(*OBSERVATION_FIELDS)
    by_place: dict = {p.pk: {} for p in places}
    periods = set()
    for place_id, period, *rest in observations:
        by_place[place_id][period] = rest
        periods.add(period)
    periods = sorted(periods, key=period_x)
    lines, rows = [], []
    for place in places:
        points = []
        for period in periods:
            value = by_place[place.pk].get(period, NOTHING)[0]
            if public and indicator.is_count and is_small(value):
                value = None
            points.append((period, value))
        if any(v is not None for _p, v in points) or place is places[0]:
            lines.append((place, points))
    for period in periods:
        cells = []
        for place, _points in lines:
            observed = period in by_place[place.pk]
            value, count, status, denominator = by_place[place.pk].get(period, NOTHING)
            suppressed = public and indicator.is_count and is_small(value)
            shown = public_count(value) if suppressed else value
            if public:
                count, denominator = public_count(count), public_count(denominator)
            cells.append(
                {
                    "value": shown,
                    "suppressed": suppressed,
                    "count": count,
                    "status": status,
                    "denominator": denominator,
                    "observed": observed,
                }
            )
        rows.append((period, cells))
    return {"periods": periods, "lines": lines, "rows": rows}


def events_for(owner, public: bool) -> list:
    qs = KeyEvent.objects.filter(**owner_fields(owner))
    if public:
        qs = qs.filter(is_public=True)
    return [(e.date, e.label) for e in qs] + contributions.events_for(owner, public)


def indicator_block(
    indicator, owner, places, group="T", target=None, events=(), public=False, observations=None
) -> dict:
    series = indicator_series(indicator, places, group, public, observations)
    own = series["lines"][0][1] if series["lines"] else []
    chart = indicator_chart(indicator, series, target, events) if series["periods"] else None
    return {
        "indicator": indicator,
        "group": group,
        "series": series,
        "chart": chart,
        "trend": trend(own, indicator.direction),
        "target": target,
        "places": [place for place, _points in series["lines"]],
    }


def figures_rows(blocks) -> Iterator[list]:
    """The lägesbild's indicator values as rows of `parsing.EXPORT_COLUMNS` (the siffror.csv), the columns
    the indicator import reads, so the file imports back unchanged: one row per stored observation, the
    indicator's id and source, the place's Kolada id and the group in words. A hidden small number stays
    "fewer than 5", which the import skips."""
    for block in blocks:
        indicator = block["indicator"]
        source = SOURCE_NAMES.get(indicator.source, indicator.source)
        grade, group = group_words(block["group"])
        for period, cells in block["series"]["rows"]:
            for place, cell in zip(block["places"], cells, strict=True):
                if not cell["observed"]:
                    continue
                yield [
                    indicator.source_id,
                    source,
                    indicator.name_sv,
                    indicator.unit,
                    place.code,
                    place.name,
                    period,
                    grade,
                    group,
                    cell["value"],
                    cell["count"],
                    cell["denominator"],
                    cell["status"],
                ]


def _plain(value) -> Decimal:
    """15.000000 as 15 and 12.50 as 12.5 (never 1E+1)."""
    value = Decimal(str(value))
    return value.to_integral() if value == value.to_integral() else value.normalize()


def indicator_chart(indicator, series: dict, target=None, events=()) -> charts.Chart:
    """The indicator over time for each place of the series (the own place first), its target and the
    key events, through the one chart module."""
    lines = [
        (place.name, [(period_x(period), value) for period, value in points if value is not None])
        for place, points in series["lines"]
    ]
    names = [name for name, points in lines if points]
    periods = series["periods"]
    description = gettext(
        "Line chart of %(indicator)s from %(first)s to %(last)s for %(places)s. "
        "The table after the chart has the same values."
    ) % {
        "indicator": indicator.name,
        "first": periods[0],
        "last": periods[-1],
        "places": ", ".join(names) or "–",
    }
    shown_target = None if target is None else formats.number_format(_plain(target[0]), use_l10n=True)
    if target is not None:
        description += " " + gettext("The target line is at %(value)s.") % {"value": shown_target}
    return charts.line_chart(
        indicator.name,
        description,
        lines,
        unit=indicator.unit,
        # the legend names the line; what target it is stands under the chart
        target=None if target is None else (target[0], gettext("Target %(value)s") % {"value": shown_target}),
        events=events,
    )


def indicator_page(indicator, owner, group: str | None = None) -> dict:
    """The staff page of one indicator: its values over time for the owner's place(s) with the county and
    the country, the key events and the target, in the group asked for if it has values, else the group of
    the owner's latest lägesbild with the indicator, else the total, else the first group with values."""
    places = comparison_places(owner)
    own = [p for p in places if p.municipality_id is not None]
    groups = sorted(
        set(
            Observation.objects.filter(indicator=indicator, place__in=own or places).values_list(
                "group", flat=True
            )
        ),
        key=lambda g: Group.values.index(g) if g in Group.values else len(Group.values),
    )
    latest = (
        ReportIndicator.objects.filter(
            indicator=indicator, report__in=SituationReport.objects.filter(**owner_fields(owner))
        )
        .select_related("report", "indicator")
        .order_by("-report__period", "-report__adopted_at")
        .first()
    )
    if group not in groups:
        if latest is not None and latest.group in groups:
            group = latest.group
        else:
            group = groups[0] if groups else Group.TOTAL
    if latest is not None and latest.group == group:
        target = contributions.target_for(latest)
    else:
        target = contributions.goal_target(owner, indicator)
    block = indicator_block(
        indicator, owner, places, group, target=target, events=events_for(owner, public=False)
    )
    labels = dict(Group.choices)
    block["groups"] = [(g, labels.get(g, g)) for g in groups]
    block["group_label"] = labels.get(group, group)
    return block


def report_detail(report: SituationReport, public: bool = False) -> dict:
    """Everything the lägesbild document shows; for the public, only its public parts. An adopted
    lägesbild shows what it was adopted with (its snapshot), whatever was imported or changed since."""
    if report.snapshot:
        return frozen_detail(report, public)
    owner = report.owner
    places = comparison_places(owner)
    events = events_for(owner, public)
    blocks = []
    for ri in report.report_indicators.select_related("indicator"):
        block = indicator_block(
            ri.indicator,
            owner,
            places,
            ri.group,
            target=contributions.target_for(ri),
            events=events,
            public=public,
        )
        block["report_indicator"] = ri
        blocks.append(block)
    problems = list(
        report.problems.select_related(
            "linked_goal__plan", "linked_commitment__promise", "linked_commitment__plan"
        )
    )
    if public:
        problems = [p for p in problems if p.is_public]
    for problem in problems:
        problem.links = problem_links(problem, public)
    notes = notes_for(owner, report.period, public)
    counts = counts_for(owner, report.period, public)
    return {
        "report": report,
        "blocks": blocks,
        "problems": priority_order(problems),
        "notes": notes,
        "counts": counts,
        "extra_sections": contributions.sections_for(report, public),
        "frozen": False,
    }


def _year_of(period: str) -> int | None:
    match = re.match(r"^(\d{4})", period or "")
    return int(match.group(1)) if match else None


def _str(value):
    return None if value is None else str(value)


def snapshot(report: SituationReport, last_year: int | None = None) -> dict:
    """What the lägesbild shows today, as JSON: its values (of its comparison places), targets, chart
    events, prioritised problems, partner notes and activity counts. Taken when it is adopted.

    `last_year` leaves out values of later periods (a lägesbild adopted in 2019 cannot have shown 2023).
    """
    owner = report.owner
    places = comparison_places(owner)
    blocks = []
    for ri in report.report_indicators.select_related("indicator"):
        rows = Observation.objects.filter(
            indicator=ri.indicator, group=ri.group, place__in=places
        ).values_list(*OBSERVATION_FIELDS)
        rows = [
            [place_id, period, _str(value), count, status, denominator]
            for place_id, period, value, count, status, denominator in rows
            if last_year is None or (_year_of(period) or 0) <= last_year
        ]
        target = contributions.target_for(ri)
        blocks.append(
            {
                "report_indicator": str(ri.pk),
                "indicator": ri.indicator_id,
                "group": ri.group,
                "target": None if target is None else [_str(target[0]), str(target[1] or "")],
                "observations": rows,
            }
        )
    problems = []
    for problem in report.problems.select_related(
        "linked_goal__plan", "linked_commitment__promise", "linked_commitment__plan"
    ):
        problems.append(
            {
                "id": str(problem.pk),
                "title": problem.title,
                "description": problem.description,
                **problem.scores,
                "cause_analysis": problem.cause_analysis,
                "is_public": problem.is_public,
            }
        )
    notes = [
        {
            "organisation": note.organisation.name,
            "date": note.date.isoformat(),
            "period": note.period,
            "title": note.title,
            "text": note.text,
            "is_public": note.is_public,
        }
        for note in notes_for(owner, report.period)
    ]
    counts = [
        {
            "kind": entry["count"].kind,
            "organisation": entry["count"].organisation.name,
            "year": entry["count"].year,
            "quarter": entry["count"].quarter,
            "number": entry["count"].number,
        }
        for entry in counts_for(owner, report.period)
    ]
    return {
        "places": [[p.pk, p.name] for p in places],
        "blocks": blocks,
        "events": {
            "staff": [[d.isoformat(), str(label)] for d, label in events_for(owner, False)],
            "public": [[d.isoformat(), str(label)] for d, label in events_for(owner, True)],
        },
        "problems": problems,
        "notes": notes,
        "counts": counts,
    }


def snapshot_has_values(data: dict) -> bool:
    return any(row[2] is not None for block in data["blocks"] for row in block["observations"])


@dataclass
class FrozenPlace:
    pk: int
    name: str
    code: str = ""  # Kolada's id, from the place today (a snapshot keeps the name it had)


@dataclass
class FrozenOrganisation:
    name: str


@dataclass
class FrozenNote:
    organisation: FrozenOrganisation
    date: datetime.date
    period: str
    title: str
    text: str
    is_public: bool


@dataclass
class FrozenCount:
    kind: str
    organisation: FrozenOrganisation
    year: int
    quarter: int
    number: int

    def get_kind_display(self) -> str:
        return str(dict(ActivityCount.Kind.choices).get(self.kind, self.kind))


class FrozenProblem:
    """A prioritised problem as it stood when the lägesbild was adopted (the templates read it like one)."""

    def __init__(self, data: dict):
        self.pk = data["id"]
        for name in ["title", "description", "cause_analysis", "is_public", *Problem.SCORE_FIELDS]:
            setattr(self, name, data[name])
        self.links = []

    @property
    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in Problem.SCORE_FIELDS}

    @property
    def total(self) -> int:
        return priority_score(self.scores)


def frozen_detail(report: SituationReport, public: bool = False) -> dict:
    data = report.snapshot
    codes = dict(Place.objects.filter(pk__in=[pk for pk, _name in data["places"]]).values_list("pk", "code"))
    places = [FrozenPlace(pk, name, codes.get(pk, "")) for pk, name in data["places"]]
    events = [
        (datetime.date.fromisoformat(d), label)
        for d, label in data["events"]["public" if public else "staff"]
    ]
    indicators = {
        str(i.pk): i for i in Indicator.objects.filter(pk__in=[b["indicator"] for b in data["blocks"]])
    }
    blocks = []
    for frozen in data["blocks"]:
        indicator = indicators.get(str(frozen["indicator"]))
        if indicator is None:
            continue
        target = frozen["target"]
        block = indicator_block(
            indicator,
            report.owner,
            places,
            frozen["group"],
            target=None if target is None else (Decimal(target[0]), target[1]),
            events=events,
            public=public,
            observations=[
                (
                    place_id,
                    period,
                    None if value is None else Decimal(value),
                    count,
                    status,
                    *(rest[:1] or [None]),
                )
                for place_id, period, value, count, status, *rest in frozen["observations"]
            ],
        )
        blocks.append(block)
    problems = [FrozenProblem(p) for p in data["problems"] if p["is_public"] or not public]
    # What a problem led to is a link to today's plan or promise, not part of the decision: shown live, so
    # a plan taken off the public pages disappears from here too.
    live = report.problems.select_related(
        "linked_goal__plan", "linked_commitment__promise", "linked_commitment__plan"
    ).in_bulk([p.pk for p in problems])
    for problem in problems:
        found = live.get(uuid.UUID(problem.pk))
        problem.links = problem_links(found, public) if found is not None else []
    notes = [
        FrozenNote(
            FrozenOrganisation(n["organisation"]),
            datetime.date.fromisoformat(n["date"]),
            n["period"],
            n["title"],
            n["text"],
            n["is_public"],
        )
        for n in data["notes"]
        if n["is_public"] or not public
    ]
    counts = [
        {
            "count": FrozenCount(
                c["kind"], FrozenOrganisation(c["organisation"]), c["year"], c["quarter"], c["number"]
            ),
            "number": public_count(c["number"]) if public else c["number"],
        }
        for c in data["counts"]
    ]
    return {
        "report": report,
        "blocks": blocks,
        "problems": priority_order(problems),
        "notes": notes,
        "counts": counts,
        "extra_sections": contributions.sections_for(report, public),
        "frozen": True,
    }


def goals_and_commitments_for(owner):
    """The goals and commitments a problem of the owner's lägesbild may be linked to: the owner's own."""

    where = owner_fields(owner)
    goals = Goal.objects.filter(**where).select_related("plan").order_by("plan__title", "order")
    commitments = Commitment.objects.filter(**where).order_by("text")
    return goals, commitments


def _parent_is_public(parent) -> bool:
    if isinstance(parent, ActionPlan):
        return parent.published and parent.state in (PlanState.ADOPTED, PlanState.CONCLUDED)
    return parent.state in PUBLIC_STATES


def problem_links(problem, public: bool) -> list[dict]:
    """The action-plan goal and the promise commitment a problem is answered by; for the public, only
    those of published plans and active (or concluded) promises."""

    links = []
    if problem.linked_goal_id:
        plan = problem.linked_goal.plan
        if not public or _parent_is_public(plan):
            links.append(
                {
                    "label": gettext("Goal in %(parent)s") % {"parent": plan.title},
                    "text": problem.linked_goal.text,
                    "url": None if public else plan.get_absolute_url(),
                }
            )
    if problem.linked_commitment_id:
        parent = problem.linked_commitment.parent
        if not public or _parent_is_public(parent):
            links.append(
                {
                    "label": gettext("Commitment in %(parent)s") % {"parent": parent.title},
                    "text": problem.linked_commitment.text,
                    "url": None if public else parent.get_absolute_url(),
                }
            )
    return links


def _years_of(period: str) -> list[str]:
    years = [int(y) for y in re.findall(r"\d{4}", period or "")]
    if not years:
        return []
    return [str(y) for y in range(min(years), max(years) + 1)]


def notes_for(owner, period: str | None = None, public: bool = False):
    qs = PartnerNote.objects.filter(**owner_fields(owner)).select_related("organisation")
    if period:
        years = _years_of(period)
        if years:
            q = Q()
            for year in years:
                q |= Q(period__startswith=year)
            qs = qs.filter(q)
    if public:
        qs = qs.filter(is_public=True)
    return list(qs)


def counts_for(owner, period: str | None = None, public: bool = False) -> list[dict]:
    qs = ActivityCount.objects.filter(**owner_fields(owner)).select_related("organisation")
    years = _years_of(period or "")
    if years:
        qs = qs.filter(year__in=[int(y) for y in years])
    rows = []
    for count in qs.order_by("year", "quarter", "kind"):
        rows.append(
            {
                "count": count,
                "number": public_count(count.number) if public else count.number,
            }
        )
    return rows


def reports_for(user, owner):
    return SituationReport.objects.filter(**owner_fields(owner)).filter(permissions.places_q(user))


def public_reports(municipality):
    return SituationReport.objects.filter(
        municipality=municipality, status=SituationReport.Status.ADOPTED
    ).order_by("-adopted_at", "-period")


def _reports_of(owner, period):
    """The lägesbilder that count for the municipality in the period: its own and those of collaborations
    it takes part in (a collaboration: its own), whose work period shares a year with `period` (None: all
    of them)."""
    return SituationReport.objects.filter(owner_q(owner), period_q(period))


def has_adopted_report(municipality, period=None, today=None) -> bool:
    """Whether the municipality has an adopted lägesbild, its own or a collaboration's it belongs to."""

    return _reports_of(municipality, period).filter(status=SituationReport.Status.ADOPTED).exists()


def gap_marks(municipality, public: bool = False) -> list:
    """The prioritised problems the plan's gap view marks: those of the municipality's newest adopted
    lägesbild (its newest draft while none is adopted)."""
    reports = SituationReport.objects.filter(municipality=municipality)
    report = reports.filter(status=SituationReport.Status.ADOPTED).order_by("-adopted_at").first() or (
        None if public else reports.order_by("-period", "title").first()
    )
    if report is None:
        return []
    return contributions.problem_marks(contributions.report_problems(report, public))


def problems_prioritised(municipality, period=None, today=None) -> bool:
    """Whether a lägesbild of the period holds prioritised problems (a draft's count: they come first)."""
    return Problem.objects.filter(report__in=_reports_of(municipality, period)).exists()


def cause_analysis_written(municipality, period=None, today=None) -> bool:
    """Whether the period has prioritised problems and every one of them has its cause analysis."""
    problems = Problem.objects.filter(report__in=_reports_of(municipality, period))
    return problems.exists() and not problems.filter(cause_analysis__regex=r"^\s*$").exists()


def report_for_pdf(report):
    return report_detail(report, public=False)


def search_problems(user, place, query: str, limit: int):
    """The place search's problems: title or description containing the words, in a lägesbild of a place
    the user views."""
    from samverka.core.sections import SearchHit

    found = (
        Problem.objects.filter(permissions.places_q(user, prefix="report__"), report__municipality=place)
        .filter(Q(title__icontains=query) | Q(description__icontains=query))
        .select_related("report")
        .order_by("title")[:limit]
    )
    return [SearchHit(p.title, p.report.get_absolute_url() + f"#p-{p.pk}", p.report.title) for p in found]
