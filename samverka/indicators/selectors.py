"""Reads of observations that other apps share: an indicator's values for a municipality over time."""

import datetime
import re

from samverka.indicators.models import Observation


def period_end(period: str):
    """The last day of a period: '2023' -> 2023-12-31, '2023-Q2' -> 2023-06-30, '2023-T1' -> 2023-06-30."""
    match = re.match(r"^(\d{4})(?:-(T|Q|H)?(\d{1,2}))?$", period or "")
    if not match:
        return None
    year = int(match.group(1))
    if not match.group(3):
        return datetime.date(year, 12, 31)
    parts = {"T": 2, "H": 2, "Q": 4, None: 12}[match.group(2)]
    month = 12 // parts * int(match.group(3))
    if not 1 <= month <= 12:
        return None
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def observed_values(indicator_id, municipality_id, group: str = "T") -> list:
    """[(last day of the period, value)] of an indicator for a municipality, oldest first."""
    rows = Observation.objects.filter(
        indicator_id=indicator_id, place__municipality_id=municipality_id, group=group, value__isnull=False
    ).values_list("period", "value")
    dated = [(period_end(period), value) for period, value in rows]
    return sorted((day, value) for day, value in dated if day is not None)
