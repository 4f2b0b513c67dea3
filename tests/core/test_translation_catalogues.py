"""The catalogue check CI runs (scripts/check_translations.py), tried on broken copies of a real catalogue,
and the promise behind it: a translator's edit in a .po file survives a later makemessages run."""

import os
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
    assert "public: missing from the catalogue (run makemessages): 'Prevention work in your municipality'" in lines
    assert "public: no longer in the code (run makemessages): 'A string no code uses'" in lines
    assert len(lines) == 4


def test_catalogue_check_fails_on_an_empty_plural_form(package):
    def add_plural(po):
        po.append(
            polib.POEntry(
                msgid="%(count)s page", msgid_plural="%(count)s pages", msgstr_plural={0: "%(count)s sida", 1: ""}
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
