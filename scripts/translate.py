"""Fill Swedish translations into an app's .po file from a small Python module of pairs.

Usage (inside the project's virtual environment):
    cd samverka/<app> && samverka makemessages -l sv && cd -
    python scripts/translate.py samverka/<app>

reads samverka/<app>/locale/sv_pairs.py (a dict SV = {"English msgid": "Svensk text", ...}), sets every
matching msgstr, clears fuzzy flags on them, and lists the msgids still untranslated.
"""

import runpy
import sys
from pathlib import Path

import polib


def main(app_dir: str) -> int:
    app = Path(app_dir)
    po_path = app / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    pairs = runpy.run_path(str(app / "locale" / "sv_pairs.py"))["SV"]
    po = polib.pofile(str(po_path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.save()
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
