"""The catalogue check CI runs (scripts/check_translations.py), tried on broken copies of a real catalogue,
and the promise behind it: a translator's edit in a .po file survives a later makemessages run."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_translations.py"
APP = "public"  # the smallest catalogue: each makemessages run takes seconds
PO = Path(APP) / "locale" / "sv" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def package(tmp_path):
    """A package folder holding a copy of one real app, catalogue included."""
    shutil.copytree(ROOT / "samverka" / APP, tmp_path / APP, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def run_check(package_dir):
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(package_dir)], capture_output=True, text=True, check=False
    )


def edit_catalogue(package_dir, change):
    po = polib.pofile(str(package_dir / PO))
    change(po)
    po.save()


def entry(po, msgid):
    return next(e for e in po if e.msgid == msgid)


def test_catalogue_check_passes_on_the_catalogue_as_committed(package):
    result = run_check(package)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every Swedish msgstr is filled" in result.stdout


def test_catalogue_check_fails_on_an_empty_a_fuzzy_a_missing_and_a_stale_msgid(package):
    def break_it(po):
        entry(po, "Municipalities").msgstr = ""
        entry(po, "Public pages").flags.append("fuzzy")
        po.remove(entry(po, "Prevention work in your municipality"))
        po.append(polib.POEntry(msgid="A string no code uses", msgstr="En sträng som ingen kod använder"))

    edit_catalogue(package, break_it)
    result = run_check(package)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "public: empty msgstr: 'Municipalities'" in lines
    assert "public: fuzzy: 'Public pages'" in lines
    assert (
        "public: missing from the catalogue (run makemessages): 'Prevention work in your municipality'"
        in lines
    )
    assert "public: no longer in the code (run makemessages): 'A string no code uses'" in lines
    assert len(lines) == 4


def test_catalogue_check_fails_on_an_empty_plural_form(package):
    def add_plural(po):
        po.append(
            polib.POEntry(
                msgid="%(count)s page",
                msgid_plural="%(count)s pages",
                msgstr_plural={0: "%(count)s sida", 1: ""},
            )
        )

    edit_catalogue(package, add_plural)
    result = run_check(package)
    assert result.returncode == 1, result.stderr
    assert "public: empty msgstr: '%(count)s page' (plural '%(count)s pages')" in result.stdout.splitlines()


def test_a_translators_edit_survives_makemessages(package):
    edit_catalogue(package, lambda po: setattr(entry(po, "Municipalities"), "msgstr", "Sveriges kommuner"))
    subprocess.run(
        [Path(sys.executable).with_name("samverka"), "makemessages", "-l", "sv", "-v0"],
        cwd=package / APP,
        check=True,
        env={**os.environ, "DEBUG": "true"},
    )
    assert entry(polib.pofile(str(package / PO)), "Municipalities").msgstr == "Sveriges kommuner"
    assert run_check(package).returncode == 0


# --- the catalogues as committed -----------------------------------------------------------------------

CATALOGUES = sorted((ROOT / "samverka").glob("*/locale/sv/LC_MESSAGES/django.po"))
# Django merges every app's catalogue into one: the same msgid with two Swedish texts shows only the first
# app's everywhere. One English word with two Swedish meanings needs a pgettext context instead.


def test_catalogues_exist_for_the_apps():
    assert {po.parts[-5] for po in CATALOGUES} >= {"core", "activities", "readiness", "promises", "situation"}


def test_no_msgid_has_two_swedish_translations_in_two_apps():
    seen, clashes = {}, []
    for po_path in CATALOGUES:
        for e in polib.pofile(str(po_path)):
            if e.obsolete:
                continue
            key = (e.msgctxt, e.msgid, e.msgid_plural)
            text = e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            app = po_path.parts[-5]
            if key in seen and seen[key][1] != text:
                clashes.append(f"{key}: {seen[key][0]} {seen[key][1]!r} / {app} {text!r}")
            seen.setdefault(key, (app, text))
    assert clashes == []


# A number followed by a noun in the plural ("%(n)s interviews", "{{ n }} intervjuer") must have a singular
# form too. Words after a placeholder that end like a plural but are verbs or pronouns are not counts.
# core.tabular's deferred messages take no plural yet (its callers translate a plain msgid); the row has
# at least two cells here, and a one-column header is the only case that reads wrong.
KNOWN_WITHOUT_PLURAL = {
    "The row has %(cells)s cells but the header names %(columns)s columns.",
    # Upload limits come from settings and are always many (thousands of rows, minutes, megabytes):
    # the singular would never be shown.
    "The file has more than %(limit)s rows; split it into smaller files.",
    "Reading the file took longer than %(seconds)s seconds; split it into smaller files.",
    "At most %(size)s MB and %(rows)s rows.",
}
NOT_NOUNS = {"is", "was", "has", "does", "needs", "stands", "its", "this"}
COUNT_IN_MSGID = re.compile(r"%\(\w+\)[sd] (?:[a-z]+ )?([a-z]+s)\b")
COUNT_IN_TEMPLATE = re.compile(r"\{\{ *[\w.]+(?:\|length)? *\}\} +([a-zåäö]+(?:s|er|ar|or))\b")
PLURAL_BLOCK = re.compile(r"{% blocktranslate [^%]*count .*?{% endblocktranslate %}", re.S)


def counts_without_plural_in_catalogue(entries) -> list[str]:
    return [
        e.msgid
        for e in entries
        if not e.obsolete and not e.msgid_plural and e.msgid not in KNOWN_WITHOUT_PLURAL
        for m in COUNT_IN_MSGID.finditer(e.msgid)
        if m.group(1) not in NOT_NOUNS
    ]


def counts_without_plural_in_template(text: str) -> list[str]:
    return [
        m.group(0)
        for m in COUNT_IN_TEMPLATE.finditer(PLURAL_BLOCK.sub("", text))
        if m.group(1) not in NOT_NOUNS
    ]


def test_no_count_in_a_catalogue_lacks_a_plural_form():
    found = {po.parts[-5]: counts_without_plural_in_catalogue(polib.pofile(str(po))) for po in CATALOGUES}
    assert {app: msgids for app, msgids in found.items() if msgids} == {}


def test_no_count_in_a_template_lacks_a_plural_form():
    found = {}
    for template in sorted((ROOT / "samverka").glob("*/templates/**/*.html")):
        hits = counts_without_plural_in_template(template.read_text(encoding="utf-8"))
        if hits:
            found[str(template.relative_to(ROOT))] = hits
    assert found == {}


def test_the_count_searches_find_what_they_look_for():
    assert counts_without_plural_in_catalogue([polib.POEntry(msgid="%(n)s interviews with key people")]) == [
        "%(n)s interviews with key people"
    ]
    assert counts_without_plural_in_catalogue([polib.POEntry(msgid="%(user)s is already a member.")]) == []
    assert counts_without_plural_in_template("<p>{{ result.interviews }} intervjuer · x</p>") == [
        "{{ result.interviews }} intervjuer"
    ]
    plural = (
        "{% blocktranslate count n=k %}{{ n }} interview{% plural %}{{ n }} interviews{% endblocktranslate %}"
    )
    assert counts_without_plural_in_template(plural) == []
