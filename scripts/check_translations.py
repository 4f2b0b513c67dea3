"""The catalogue check CI runs: the apps' Swedish .po files are the one source of translations.

Usage (inside the project's virtual environment):
    python scripts/check_translations.py [SAMVERKA_PACKAGE_DIR]

For every app with a `locale/sv/LC_MESSAGES/django.po` it fails (exit 1, one line per problem) when
- `makemessages -l sv` would add or remove a msgid: the check runs it on a temporary copy of the app and
  compares the msgids (with their context and plural form), ignoring line references and dates, so the
  working tree is never touched;
- a Swedish msgstr is empty (a plural entry: any of its forms) or marked fuzzy.
Obsolete entries (`#~`) are ignored: makemessages keeps them and gettext never uses them.

To fix a failure: run `samverka makemessages -l sv` inside the app folder and fill the msgstr in Poedit,
Weblate or an editor. makemessages keeps every translated msgstr, so a translator's edit survives.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path("locale") / "sv" / "LC_MESSAGES" / "django.po"


def _key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _describe(key: tuple) -> str:
    context, msgid, plural = key
    text = repr(msgid) + (f" (plural {plural!r})" if plural else "")
    return f"[{context}] {text}" if context else text


def _msgids(po_path: Path) -> set[tuple]:
    return {_key(e) for e in polib.pofile(str(po_path)) if not e.obsolete}


def untranslated(po_path: Path) -> list[str]:
    """One line per entry whose Swedish msgstr is empty or fuzzy."""
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            empty = not entry.msgstr_plural or not all(entry.msgstr_plural.values())
        else:
            empty = not entry.msgstr
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {_describe(_key(entry))}")
        elif empty:
            problems.append(f"empty msgstr: {_describe(_key(entry))}")
    return problems


def msgid_drift(app_dir: Path) -> list[str]:
    """One line per msgid that `makemessages -l sv` run in the app folder would add or remove."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        env = {**os.environ, "DEBUG": "true"}
        subprocess.run(  # noqa: S603 - a fixed command line, no outside input
            # The console script, not `python -m`: that would put the app folder first on sys.path,
            # where modules such as selectors.py hide the standard library's.
            [Path(sys.executable).with_name("samverka"), "makemessages", "-l", "sv", "-v0"],
            cwd=copy,
            env=env,
            check=True,
        )
        before, after = _msgids(app_dir / CATALOGUE), _msgids(copy / CATALOGUE)
    added = [f"missing from the catalogue (run makemessages): {_describe(k)}" for k in sorted(after - before)]
    removed = [f"no longer in the code (run makemessages): {_describe(k)}" for k in sorted(before - after)]
    return added + removed


def check(package_dir: Path) -> list[str]:
    problems = []
    for po_path in sorted(package_dir.glob(f"*/{CATALOGUE}")):
        app_dir = po_path.parents[len(CATALOGUE.parts) - 1]
        for problem in msgid_drift(app_dir) + untranslated(po_path):
            problems.append(f"{app_dir.name}: {problem}")
    return problems


def main(argv: list[str]) -> int:
    package_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "samverka"
    problems = check(package_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} catalogue problem(s): see scripts/check_translations.py", file=sys.stderr)
        return 1
    print("Translations: every catalogue matches the code and every Swedish msgstr is filled.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
