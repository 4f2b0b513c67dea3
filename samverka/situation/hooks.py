"""Soft hooks through which other apps add to the lägesbild without this app importing them.

- `report_section(ReportSection(...))`: a part of the lägesbild document, e.g. the latest readiness result
  (readiness app) or the activity coverage / gap view (activities app). `context(report, public)` returns
  the template's context or None to leave the part out; `public` says whether it is the public version.
- `key_event_provider(fn)`: fn(owner, public) -> [(date, label)], dates to mark on indicator charts (a
  promise signed, an activity started).
- `target_provider(fn)`: fn(report_indicator) -> (value, label) or None, an action-plan goal's target line
  for an indicator; the first provider with an answer wins over the value typed on the lägesbild.

The lead wires the other apps in their AppConfig.ready(); nothing here breaks when they are absent.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    template: str
    context: Callable
    order: int = 100


REPORT_SECTIONS: dict[str, ReportSection] = {}
KEY_EVENT_PROVIDERS: dict[str, Callable] = {}
TARGET_PROVIDERS: dict[str, Callable] = {}


def report_section(section: ReportSection) -> None:
    REPORT_SECTIONS[section.key] = section


def key_event_provider(key: str, provider: Callable) -> None:
    KEY_EVENT_PROVIDERS[key] = provider


def target_provider(key: str, provider: Callable) -> None:
    TARGET_PROVIDERS[key] = provider


def sections_for(report, public: bool) -> list[dict]:
    parts = []
    for section in sorted(REPORT_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(report, public)
        if context is not None:
            parts.append({"section": section, "context": context})
    return parts


def events_for(owner, public: bool) -> list:
    events = []
    for provider in KEY_EVENT_PROVIDERS.values():
        events.extend(provider(owner, public) or [])
    return events


def target_for(report_indicator):
    for provider in TARGET_PROVIDERS.values():
        answer = provider(report_indicator)
        if answer is not None:
            return answer
    if report_indicator.target_value is not None:
        return report_indicator.target_value, report_indicator.target_label
    return None
