"""Small numbers: one function in core decides, for every layer (issue 17, finding 12)."""

import pathlib
import re

from django.utils import translation

from samverka.core import smallnumbers

ROOT = pathlib.Path(smallnumbers.__file__).resolve().parents[1]


def test_the_one_function_suppresses_below_5_and_keeps_5():
    with translation.override("sv"):
        assert [str(smallnumbers.public_count(n)) for n in (0, 3, 4)] == ["färre än 5"] * 3
    assert smallnumbers.public_count(5) == 5 and smallnumbers.public_count(None) is None
    assert smallnumbers.data_count(3) == (None, True) and smallnumbers.data_count(5) == (5, False)
    assert smallnumbers.data_count(None) == (None, False)


def test_no_other_module_defines_the_limit_or_the_words():
    pattern = re.compile(r'_\("fewer than 5"\)|SMALL_NUMBER_LIMIT\s*=|def (is_small|public_count)\b')
    found = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "migrations" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert found == ["core/smallnumbers.py"]
