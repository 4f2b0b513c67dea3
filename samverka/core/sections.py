"""Registries through which each app adds itself to shared pages, so no shared file lists the apps.

An app calls these from its AppConfig.ready():
- `staff_section` / `public_section`: a link on the municipality's staff page / public front page; the
  URL name is reversed with the municipality's slug as its one argument.
- `start_panel`: a box on the staff start page; `context(request)` returns the template's context, or
  None to show nothing.
- `members_panel`: a part of an organisation's members page (core.views.members), for the coordinators
  who manage them; `context(request, organisation)` returns the template's context, or None.
- A staff section with a `nav_label` is also an item of the place navigation at the top of every staff
  page (core/navigation.py), active on every page of its URL namespace.
- `shortcut`: a common task (import indicator values, a new activity) linked from the start page for
  the current place, shown to whom may do its `action` there.
- `search_source`: what the place search (/sok/) finds in an app; `find(user, place, query, limit)`
  returns SearchHits of records the user may view, filtered through core/permissions.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    url_name: str
    order: int = 100
    description: str = ""
    nav_label: str = ""  # short label in the place navigation; empty: not in it

    @property
    def namespace(self) -> str:
        return self.url_name.split(":")[0]

    def url_for(self, municipality) -> str | None:
        try:
            return reverse(self.url_name, args=[municipality.slug])
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class StartPanel:
    key: str
    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchSource:
    key: str
    title: str
    find: Callable  # find(user, place, query, limit) -> list[SearchHit]
    order: int = 100


@dataclass(frozen=True)
class Shortcut:
    """A common task offered on the start page for the current place, to whom may `action` there."""

    key: str
    title: str
    url_name: str
    action: str = "edit"
    order: int = 100


STAFF_SECTIONS: dict[str, Section] = {}
PUBLIC_SECTIONS: dict[str, Section] = {}
START_PANELS: dict[str, StartPanel] = {}
MEMBERS_PANELS: dict[str, StartPanel] = {}
SEARCH_SOURCES: dict[str, SearchSource] = {}
SHORTCUTS: dict[str, Shortcut] = {}


def staff_section(section: Section) -> None:
    STAFF_SECTIONS[section.key] = section


def public_section(section: Section) -> None:
    PUBLIC_SECTIONS[section.key] = section


def start_panel(panel: StartPanel) -> None:
    START_PANELS[panel.key] = panel


def members_panel(panel: StartPanel) -> None:
    MEMBERS_PANELS[panel.key] = panel


def panels(registry: dict[str, StartPanel], *args) -> list[dict]:
    """The panels of a page that have something to show, in order: {"template": ..., "context": ...}."""
    shown = []
    for panel in sorted(registry.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(*args)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def search_source(source: SearchSource) -> None:
    SEARCH_SOURCES[source.key] = source


def shortcut(item: Shortcut) -> None:
    SHORTCUTS[item.key] = item


def nav_sections() -> list[Section]:
    """The sections of the place navigation, in their order."""
    return sorted((s for s in STAFF_SECTIONS.values() if s.nav_label), key=lambda s: (s.order, s.key))


def links(registry: dict[str, Section], municipality) -> list[dict]:
    ordered = sorted(registry.values(), key=lambda s: (s.order, s.key))
    return [{"section": s, "url": url} for s in ordered if (url := s.url_for(municipality)) is not None]
