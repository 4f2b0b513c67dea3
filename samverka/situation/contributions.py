"""What the other domain apps contribute to the lägesbild. The situation app sits above activities,
readiness and promises in the layer contract (docs/architecture.md), so it calls them directly.

- `sections_for(report, public)`: parts of the document, the latest readiness result and the activity
  coverage (gap view). Each part's `context(report, public)` returns the template's context, or None to
  leave the part out; `public` says whether it is the public version.
- `events_for(owner, public)`: (date, label) to mark on indicator charts (a promise made, an activity
  started).
- `problem_marks(problems)`: prioritised problems placed in the gap view (arena × ANDTS area × factor);
  the gap view of the plan marks the newest lägesbild's (`selectors.gap_marks`, registered in apps.py).
- `goal_target(owner, indicator)`: (value, label) of an action-plan goal measured by the indicator, or None.
- `target_for(report_indicator)`: (value, label), the target of an action-plan goal measured by the
  indicator, else the value typed on the lägesbild, else None.
"""

from collections.abc import Callable
from dataclasses import dataclass

from samverka.activities import gaps
from samverka.activities import lagesbild as activities_part
from samverka.promises import lagesbild as promises_part
from samverka.readiness import lagesbild as readiness_part


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    template: str
    context: Callable


def problem_marks(problems) -> list[gaps.Mark]:
    """Prioritised problems as the gap view places them (prefetch substance_areas and factors)."""
    return [
        gaps.Mark(
            title=p.title,
            arenas=tuple(p.arenas or ()),
            areas=tuple(a.code for a in p.substance_areas.all()),
            factors=tuple(f.code for f in p.factors.all()),
        )
        for p in problems
    ]


def report_problems(report, public: bool):
    problems = report.problems.prefetch_related("substance_areas", "factors").order_by("title")
    return problems.filter(is_public=True) if public else problems


def _activity_coverage(report, public: bool):
    """The plan's gap view, with the lägesbild's own prioritised problems marked."""
    return activities_part.report_context(
        report, public, marks=problem_marks(report_problems(report, public))
    )


REPORT_SECTIONS = [
    ReportSection(
        "readiness", readiness_part.TITLE, "readiness/_lagesbild.html", readiness_part.report_context
    ),
    ReportSection("activities", activities_part.TITLE, "activities/_lagesbild.html", _activity_coverage),
]


def sections_for(report, public: bool) -> list[dict]:
    parts = []
    for section in REPORT_SECTIONS:
        context = section.context(report, public)
        if context is not None:
            parts.append({"section": section, "context": context})
    return parts


def events_for(owner, public: bool) -> list:
    return activities_part.key_events(owner, public) + promises_part.key_events(owner, public)


def goal_target(owner, indicator):
    """(value, label): the target of the owner's action-plan goal measured by the indicator, or None."""
    return promises_part.target_of(owner, indicator)


def target_for(report_indicator):
    answer = promises_part.target(report_indicator)
    if answer is not None:
        return answer
    if report_indicator.target_value is not None:
        return report_indicator.target_value, report_indicator.target_label
    return None
