"""Ordering by arrows, not by a number to type (issue 12): the one way to move a record up or down.

A list whose order people choose (commitments, guide questions) shows "Move up" / "Move down" buttons;
the app's service locks the list, asks `moved` for the new order and saves it with `renumber`.
"""


def moved(items: list, item, up: bool) -> list | None:
    """`items` with `item` one place up (or down); None when it is already first (or last). Pure."""
    at = next(i for i, x in enumerate(items) if x.pk == item.pk)
    to = at - 1 if up else at + 1
    if not 0 <= to < len(items):
        return None
    out = list(items)
    out[at], out[to] = out[to], out[at]
    return out


def renumber(items: list, field: str = "order") -> None:
    """Number the items 1, 2, 3 … in list order (old numbers may repeat) and save those that changed."""
    for number, item in enumerate(items, start=1):
        if getattr(item, field) != number:
            setattr(item, field, number)
            item.save(update_fields=[field])
