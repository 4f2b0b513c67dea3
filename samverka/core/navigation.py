"""The place navigation at the top of every staff page: the place one works in, its sections (the staff
sections with a `nav_label`, core/sections.py), a switcher to the other places one works in, and the
breadcrumbs' first steps.

Computed once per request and only when a page shows it (`nav(request)` is cached on the request). It
costs no query on a page that has already asked `permissions.access_for` (every staff page does): the
user's places (slug and name) are kept in the session under the fingerprint of their roles, so they
are read again only when the roles change. The current place is the one in the address when there is
one the user works in, otherwise the one remembered in the session, otherwise the first.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from samverka.core import permissions
from samverka.core.sections import Section, nav_sections

PLACES_KEY = "samverka_nav_places"
PLACE_KEY = "samverka_nav_place"
PLACE_PAGES = {"municipality", "search"}  # core pages of one place (the sections have their own)


@dataclass(frozen=True)
class Place:
    slug: str
    name: str


@dataclass
class NavItem:
    label: str
    url: str
    active: bool = False


@dataclass
class Nav:
    place: Place | None = None
    places: list[dict] = field(default_factory=list)  # the other places: {"place": Place, "url": ...}
    items: list[NavItem] = field(default_factory=list)
    section: NavItem | None = None  # the item of the page's section, if any

    @property
    def several(self) -> bool:
        return bool(self.places)


def _fingerprint(access) -> str:
    if access.superuser:
        return "*"
    return ",".join(str(pk) for pk in sorted(access.municipality_roles))


SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})  # after z, as in Swedish


def _swedish(row) -> str:
    return row[1].lower().translate(SWEDISH_ORDER)


def user_places(request) -> list[Place]:
    """The municipalities the user works in, by name: from the session while the roles are the same."""
    access = permissions.access_for(request.user)
    key = _fingerprint(access)
    kept = request.session.get(PLACES_KEY)
    if kept and kept.get("key") == key:
        return [Place(slug, name) for slug, name in kept["places"]]
    rows = sorted(permissions.municipalities_for(request.user).values_list("slug", "name"), key=_swedish)
    request.session[PLACES_KEY] = {"key": key, "places": [list(r) for r in rows]}
    return [Place(slug, name) for slug, name in rows]


def _section_of(request, sections: list[Section]) -> Section | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for section in sections:
        if match.namespace == section.namespace:
            return section
    return None


def _slug_in_address(request, section: Section | None) -> str | None:
    """The place slug of a staff page's address (its section's pages and the municipality page)."""
    match = getattr(request, "resolver_match", None)
    if match is None or "slug" not in match.kwargs:
        return None
    if section is not None or match.view_name in PLACE_PAGES:
        return match.kwargs["slug"]
    return None


def _url(section: Section, slug: str) -> str | None:
    try:
        return reverse(section.url_name, args=[slug])
    except NoReverseMatch:
        return None


def build(request) -> Nav:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Nav()
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespaces[:1] == ["public"]:
        return Nav()  # the public pages have their own navigation
    places = user_places(request)
    if not places:
        return Nav()
    by_slug = {p.slug: p for p in places}
    sections = nav_sections()
    section = _section_of(request, sections)
    slug = _slug_in_address(request, section)
    if slug in by_slug:
        if request.session.get(PLACE_KEY) != slug:
            request.session[PLACE_KEY] = slug
    else:
        slug = request.session.get(PLACE_KEY)
        if slug not in by_slug:
            slug = places[0].slug
    place = by_slug[slug]
    items = []
    current = None
    for s in sections:
        url = _url(s, place.slug)
        if url is None:
            continue
        item = NavItem(str(s.nav_label), url, active=s is section)
        if item.active:
            current = item
        items.append(item)
    others = []
    for other in places:
        if other.slug == place.slug:
            continue
        url = (_url(section, other.slug) if section else None) or reverse("municipality", args=[other.slug])
        others.append({"place": other, "url": url})
    return Nav(place=place, places=others, items=items, section=current)


def nav_for(request) -> Nav:
    """The request's navigation, built once."""
    nav = getattr(request, "_samverka_nav", None)
    if nav is None:
        nav = build(request)
        request._samverka_nav = nav
    return nav
