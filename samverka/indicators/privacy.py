"""Small numbers: any count below 5 is shown as "fewer than 5" on public pages and in public exports.

One helper for every public page, export and chart of this app (and any other app that wants it).
"""

from django.utils.translation import gettext_lazy as _

SMALL_NUMBER_LIMIT = 5
FEWER_THAN_5 = _("fewer than 5")


def is_small(number) -> bool:
    return number is not None and number < SMALL_NUMBER_LIMIT


def public_count(number):
    """The number itself, or "fewer than 5" (färre än 5) for anything below 5; None stays None."""
    if number is None:
        return None
    return FEWER_THAN_5 if number < SMALL_NUMBER_LIMIT else number


def public_value(value, is_count: bool):
    """An observation's value for the public: suppressed when the indicator counts people or events."""
    return public_count(value) if is_count else value
