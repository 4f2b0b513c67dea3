"""The history pages: which models have one, who may read it, and the rows it shows.

`/historik/<app>/<model>/<id>/` is not a window onto every model with django-simple-history: only the
models an app registers here have a history page (everything else is 404, so API tokens, memberships and
vocabularies answer nothing), the record is looked up by its UUID, and the app decides who may read it
with its own rules (readiness through `readiness.permissions`, so consensus scores only to the team). A
record the user may not read is reported as missing, like any scoped lookup.

An app registers from its AppConfig.ready():

    history_page(Promise)                                    # coordinators of the record's place
    history_page(ConsensusScore, visible=team_only, lookup="uuid")
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from samverka.core import permissions
from samverka.core.permissions import Action


def coordinators_of_the_place(user, obj) -> bool:
    """The default rule: the record's history is shown to those who may publish it."""
    return permissions.can_view(user, obj) and permissions.can(user, Action.PUBLISH, obj)


@dataclass(frozen=True)
class HistoryPage:
    model: type
    visible: Callable[[object, object], bool] = coordinators_of_the_place
    lookup: str = "pk"  # a UUID field: records reachable by URL are never found by a sequential id


HISTORY_PAGES: dict[str, HistoryPage] = {}


def _key(app_label: str, model_name: str) -> str:
    return f"{app_label}.{model_name}".lower()


def history_page(model, *, visible=coordinators_of_the_place, lookup: str = "pk") -> None:
    field = model._meta.get_field("id" if lookup == "pk" else lookup)
    if field.get_internal_type() != "UUIDField":
        raise TypeError(f"{model.__name__}.{lookup} is not a UUID: history URLs must not be guessable")
    HISTORY_PAGES[_key(model._meta.app_label, model._meta.model_name)] = HistoryPage(model, visible, lookup)


def history_url_key(obj) -> str:
    """The id that goes into the record's history URL."""
    page = HISTORY_PAGES[_key(obj._meta.app_label, obj._meta.model_name)]
    return str(getattr(obj, page.lookup))


def record_for_history(user, app_label: str, model_name: str, key: str):
    """The record whose history `user` asks for, or Http404 for anything they may not read."""
    page = HISTORY_PAGES.get(_key(app_label, model_name))
    if page is None or not user.is_authenticated:
        raise Http404
    try:
        obj = page.model._default_manager.get(**{page.lookup: key})
    except (page.model.DoesNotExist, ValueError, ValidationError) as exc:  # a malformed UUID too
        raise Http404 from exc
    if not page.visible(user, obj):
        raise Http404
    return obj


def history_rows(obj, limit: int = 200) -> list[dict]:
    """The record's changes, newest first, each with the fields that changed since the one before."""
    records = list(obj.history.select_related("history_user").order_by("-history_date")[:limit])
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = newer.diff_against(older).changes if older is not None else []
        rows.append({"record": newer, "changes": changes})
    return rows
