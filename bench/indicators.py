"""Import speed: `samverka import-indicators` of a Swedish Excel CSV against PostgreSQL's own COPY.

Called by bench/run.py (`measure(env, rows_list)`), or alone:

    .venv/bin/python bench/run.py --only import --import-rows 100000,1000000

For each N it writes a deterministic CSV of N observations as Swedish Excel saves a survey table
(`;`, decimal comma, Windows-1252, CRLF; the columns `samverka import-indicators` reads: Indikator, Fråga,
Kommun, År, Årskurs, Kön, Andel (%), Antal, Antal svarande), then

(a) runs `samverka import-indicators FILE --no-progress` as a subprocess into a fresh, migrated database
    holding one county and 50 municipalities (the places the file names): wall time, and the child's own
    peak RSS from `os.wait4` (nothing else's);
(b) COPYs the same file through psycopg into a bare table of the same nine columns (text: COPY cannot read
    a decimal comma into numeric) in a second fresh database: wall time, commit included.

Each side runs three times, each from the same start (`_settle`: dirty pages written, a checkpoint), and
the ratio of the medians, (a)/(b), has the target ≤ 5×. Peak RSS: the largest of the runs.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HEADER = "Indikator;Fråga;Kommun;År;Årskurs;Kön;Andel (%);Antal;Antal svarande"
MUNICIPALITIES = 50
YEARS = range(2000, 2025)
GRADES = ["Åk 9", "Gy 2"]
SEXES = ["Totalt", "Flickor", "Pojkar"]
PLACES = ["Norrbottens län", "Riket"]  # named, as survey tables do; the rest by code
RUNS = 3  # timed runs of each side; their medians are compared (one run varies by a third on this machine)
BARE_TABLE = (
    "CREATE TABLE observation_bare (indikator text, fraga text, kommun text, ar text, arskurs text, "
    "kon text, andel text, antal text, antal_svarande text)"
)


def write_csv(path: Path, rows: int) -> None:
    """N rows, the same for the same N: indicators × places × years × grades × sexes, in that order."""
    places = [f"25{i:02d}" for i in range(1, MUNICIPALITIES + 1)] + PLACES
    written = 0
    with open(path, "w", encoding="cp1252", newline="") as out:
        out.write(HEADER + "\r\n")
        indicator = 0
        while written < rows:
            indicator += 1
            code, question = f"BENCH-{indicator:04d}", f"Fråga {indicator} om alkohol, tobak och spel"
            for p, place in enumerate(places):
                for year in YEARS:
                    for g, grade in enumerate(GRADES):
                        for s, sex in enumerate(SEXES):
                            if written >= rows:
                                return
                            respondents = 40 + (indicator * 7 + p * 13 + year + g * 5 + s) % 260
                            count = (indicator * 31 + p * 17 + year * 3 + g + s * 11) % respondents
                            share = f"{100 * count / respondents:.1f}".replace(".", ",")
                            out.write(
                                f"{code};{question};{place};{year};{grade};{sex};{share};{count};{respondents}\r\n"
                            )
                            written += 1


def _database(base: str, name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return f"{base}/{name}"


def _drop(base: str, *names: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


PLACES_SCRIPT = f"""
from samverka.core.models import County, Municipality
county, _ = County.objects.get_or_create(code="25", defaults={{"name": "Norrbottens län", "slug": "norrbotten"}})
for i in range(1, {MUNICIPALITIES} + 1):
    Municipality.objects.get_or_create(
        code=f"25{{i:02d}}", defaults={{"name": f"Benchkommun {{i}}", "slug": f"benchkommun-{{i}}", "county": county}}
    )
"""


def _settle(base: str) -> None:
    """The same start for every timed run: dirty pages written (the CSV just written, the database just
    copied from its template) and a checkpoint taken, so that neither side pays for what came before."""
    import psycopg

    os.sync()
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute("CHECKPOINT")


def _run_measured(command: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, the child's own peak RSS in MB (os.wait4) and its stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, stderr


def measure(env: dict, rows_list: list[int]) -> list[dict]:
    import psycopg

    base = env["DATABASE_URL"].rsplit("/", 1)[0]
    template = f"samverka_bench_import_template_{os.getpid()}"
    target = f"samverka_bench_import_{os.getpid()}"
    bare = f"samverka_bench_copy_{os.getpid()}"
    results = []
    workdir = Path(tempfile.mkdtemp(prefix="samverka-bench-import-"))
    try:
        template_env = {**env, "DATABASE_URL": _database(base, template)}
        print(f"[import] migrating {template} and adding the places ...", flush=True)
        for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", PLACES_SCRIPT]):
            result = subprocess.run(
                [str(BIN / "python"), "-m", "samverka", *args],
                env=template_env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise SystemExit(f"samverka {args[0]} failed:\n{result.stderr[-3000:]}")
        for rows in rows_list:
            csv = workdir / f"indikatorer-{rows}.csv"
            write_csv(csv, rows)
            size_mb = csv.stat().st_size / 1024 / 1024
            imports, copies = [], []
            for attempt in range(1, RUNS + 1):
                # (a) the import, into a fresh copy of the migrated database
                url = _database(base, target, template=template)
                print(
                    f"[import] import-indicators of {rows:,} rows ({size_mb:.0f} MB), run {attempt} ...",
                    flush=True,
                )
                _settle(base)
                imports.append(
                    _run_measured(
                        [
                            str(BIN / "python"),
                            "-m",
                            "samverka",
                            "import-indicators",
                            str(csv),
                            "--no-progress",
                        ],
                        {**env, "DATABASE_URL": url},
                    )[:2]
                )
                with psycopg.connect(url) as connection:
                    stored = connection.execute("SELECT count(*) FROM situation_observation").fetchone()[0]
                if stored != rows:
                    raise SystemExit(f"import-indicators stored {stored} observations of {rows}")
                # (b) COPY of the same file into a bare table
                url = _database(base, bare)
                with psycopg.connect(url) as connection:
                    connection.execute(BARE_TABLE)
                    connection.commit()
                    print(f"[import] COPY of {rows:,} rows, run {attempt} ...", flush=True)
                    _settle(base)
                    started = time.monotonic()
                    with (
                        connection.cursor() as cursor,
                        cursor.copy(
                            "COPY observation_bare FROM STDIN "
                            "(FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'WIN1252')"
                        ) as copy,
                        open(csv, "rb") as handle,
                    ):
                        while chunk := handle.read(1 << 20):
                            copy.write(chunk)
                    connection.commit()
                    copies.append(time.monotonic() - started)
                    copied = connection.execute("SELECT count(*) FROM observation_bare").fetchone()[0]
                if copied != rows:
                    raise SystemExit(f"COPY stored {copied} rows of {rows}")
            import_seconds = statistics.median(seconds for seconds, _rss in imports)
            copy_seconds = statistics.median(copies)
            peak_rss = max(rss for _seconds, rss in imports)
            results.append(
                {
                    "rows": rows,
                    "file_mb": round(size_mb, 1),
                    "import_seconds": import_seconds,
                    "copy_seconds": copy_seconds,
                    "ratio": import_seconds / copy_seconds,
                    "rows_per_second": rows / import_seconds,
                    "peak_rss_mb": peak_rss,
                    "import_runs": [round(seconds, 2) for seconds, _rss in imports],
                    "copy_runs": [round(seconds, 2) for seconds in copies],
                }
            )
            print(
                f"[import] {rows:,} rows: import {import_seconds:.1f} s, COPY {copy_seconds:.2f} s (medians of "
                f"{RUNS}: {', '.join(f'{x:.1f}' for x, _ in imports)} / {', '.join(f'{x:.2f}' for x in copies)}), "
                f"ratio {import_seconds / copy_seconds:.1f}, peak RSS {peak_rss:.0f} MB",
                flush=True,
            )
            csv.unlink()
    finally:
        _drop(base, target, bare, template)
        for leftover in workdir.glob("*"):
            leftover.unlink()
        workdir.rmdir()
    return results
