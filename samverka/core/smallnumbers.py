"""Small numbers: no count of people below 5 is ever published as a number.

The one place that decides it, for every layer (core sits below indicators, the domain apps, reports, the
API and the public site, so all of them can use it): pages and PDFs show "fewer than 5" (färre än 5),
spreadsheets and CSV the same text, and JSON (the API, open data, embeds) gives `null` with
`suppressed: true` (`data_count`). Templates use the `public_count` filter of the `samverka` tag library.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SMALL_NUMBER_LIMIT = 5
FEWER_THAN_5 = _("fewer than 5")


def is_small(number) -> bool:
    """Is `number` a count that must not be published (0 included: "none" identifies as well)?"""
    return number is not None and number < SMALL_NUMBER_LIMIT


def public_count(number):
    """The number itself, or "fewer than 5" (färre än 5) for anything below 5; None stays None."""
    if number is None:
        return None
    return FEWER_THAN_5 if is_small(number) else number


def public_value(value, is_count: bool):
    """An observation's value for the public: suppressed when the indicator counts people or events."""
    return public_count(value) if is_count else value


def data_count(number) -> tuple:
    """(value, suppressed) for JSON: (None, True) for a count below 5, else (number, False)."""
    if is_small(number):
        return None, True
    return number, False


def text_count(number) -> str:
    """A count as text for a spreadsheet or CSV cell: "" for none, "fewer than 5" below 5."""
    if number is None:
        return ""
    return str(public_count(number))


def hidden_texts() -> frozenset[str]:
    """The words of a hidden count in every language of the site, lower-case: an import recognises a file
    Samverka published (a cell that says "färre än 5") and skips it instead of reading a number."""
    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(str(FEWER_THAN_5).lower())
    return frozenset(texts)
