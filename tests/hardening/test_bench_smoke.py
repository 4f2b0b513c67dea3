"""The benchmark command keeps working: a smoke run at small scale with a few requests (PostgreSQL only).

This is not a timed test: it only checks that every measured page answers and the table is written.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the benchmark runs on PostgreSQL only",
)
def test_bench_smoke_run_measures_every_page_and_the_import_and_writes_the_table(tmp_path):
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    base = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    result = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--smoke",
            "--database-url",
            base,
            "--output",
            str(tmp_path / "smoke"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    table = (tmp_path / "smoke.md").read_text()
    for page in ["floor", "catalogue list, filtered", "public municipality page", "load run"]:
        assert page in table
    assert "| import | 2,000 |" in table  # the import part ran on 2,000 rows
    assert (tmp_path / "smoke.json").exists()
