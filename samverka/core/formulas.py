"""Spreadsheet formulas in cells, both ways, in plain Python (no Django): `neutralise` for every cell
Samverka writes (core.exports), `restore` for every cell of every table it reads (core.tabular).

Formula injection: text that a spreadsheet would read as a formula gets a leading apostrophe, so
`=HYPERLINK(…)` typed into a title arrives as the text it is. Numbers stay numbers: only text is changed,
and text that is just a number (a negative value written as "-2,5") is left alone, since a spreadsheet
reads it as that number. Reading a table takes that apostrophe off again, so a file Samverka exported
imports back unchanged.
"""

import re

# What Excel, LibreOffice and Google Sheets take as the start of a formula (or of DDE, `+cmd|…`), and
# tab / carriage return, which some of them skip before looking for one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise(value):
    """`value` as a spreadsheet cell that cannot run: text starting a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The reverse of `neutralise`: the text of a cell as it was before it was written.

    Only the apostrophe `neutralise` adds is taken off ("'=1+1" -> "=1+1"); one before anything else
    stays ("'t is", "'-2,5"). A text stored with such an apostrophe of its own ("'=1+1") is written as it
    is (neutralise leaves text that starts with an apostrophe alone) and so reads back without it."""
    if text.startswith("'") and neutralise(text[1:]) == text:
        return text[1:]
    return text
