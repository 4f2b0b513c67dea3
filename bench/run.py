#!/usr/bin/env python3
"""Samverka's benchmark: page cost against the framework's floor, growth, import speed and load.

    .venv/bin/python bench/run.py --scale small            # a few minutes
    .venv/bin/python bench/run.py --scale small,national   # both, plus growth national/small
    .venv/bin/python bench/run.py --smoke                  # seconds: keeps the command working in CI
    .venv/bin/python bench/run.py --only import            # import speed only (100k and 1M rows)

Needs PostgreSQL (default postgres://postgres@127.0.0.1:5432, override with --database-url). For each
scale it uses the database samverka_bench_<scale>_<seed> (created, migrated and filled with
`samverka generate` when missing; --fresh drops it first), serves the app with gunicorn (2 workers) on
127.0.0.1 and measures over loopback. Prints one table and writes it, with the machine and date, to
bench/results/. See docs/performance.md for what the numbers mean.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
PASSWORD = "samverka-demo"
TARGET_MEDIAN, TARGET_P95, TARGET_GROWTH, TARGET_IMPORT = 3.0, 5.0, 1.5, 5.0
TARGET_IMPORT_ROWS = 1_000_000  # the size the import target is set at (issue 13)
# Redis databases of the benchmark's own (production uses 0 for the cache and 1 for Celery, see
# docs/operations.md): each is flushed when a scale's server starts, so a smoke run inside a test suite
# never empties the cache under a full run that is measuring.
BENCH_REDIS_DB, SMOKE_REDIS_DB = 10, 11


# --- Databases and processes ----------------------------------------------------------------------


def database_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}"


def ensure_database(base: str, name: str, fresh: bool):
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(url: str, data_dir: Path, redis_url: str | None = None) -> dict:
    """The production settings (DEBUG off, manifest static files, and Redis as the cache and the session
    cache when `redis_url` is given, as REDIS_URL does in production), with login throttling off."""
    # the bench decides on Redis itself (--redis-url), whatever the shell it runs in has set; and the
    # commands it times run as in production, from compiled bytecode (`compiled`), even where the shell
    # asks Python not to write any (PYTHONDONTWRITEBYTECODE: compiling our modules every run costs a
    # command 0.3 s of start-up)
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PYTHONDONTWRITEBYTECODE")}
    return {
        **inherited,
        **({"REDIS_URL": redis_url} if redis_url else {}),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "AXES_ENABLED": "false",  # the load run logs in many sessions from one address
        "SAMVERKA_DATA_DIR": str(data_dir),
        "LOG_LEVEL": "WARNING",
    }


def redis_answering(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except (redis.RedisError, OSError, ValueError):
        return False
    return True


def flush_redis(url: str) -> None:
    """Empty the bench's Redis database: no page, chart or session of an earlier run is found in it."""
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10).flushdb()


def cache_description(redis_url: str | None) -> str:
    if redis_url:
        return f"Redis ({redis_url}, emptied before each scale), sessions cached_db, as with REDIS_URL in production"
    return "no Redis (--redis-url none, or none answered): local memory per worker, sessions in the database (not production's set-up)"


def manage(env: dict, *args, quiet=True) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "-m", "samverka", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"samverka {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers on loopback, stopped when the block ends."""

    def __init__(self, env: dict):
        self.env, self.port = env, free_port()

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "samverka.wsgi:application",
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
                "--timeout=120",
            ],
            env=self.env,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client(self.port).get("/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within a minute")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Client:
    """A minimal HTTP client with a cookie jar: one connection per request, as gunicorn's sync workers do."""

    def __init__(self, port: int, headers: dict | None = None):
        # headers sent with every request (an API client's `Authorization: Bearer smv_…`)
        self.port, self.cookies, self.headers = port, {}, dict(headers or {})

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {"Accept-Language": "sv", **self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, data, elapsed

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def login(self, username):
        status, body, _ = self.get("/konto/logga-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        status, _, _ = self.request(
            "POST", "/konto/logga-in/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise SystemExit(f"login as {username} failed with HTTP {status}")
        return self


# --- What to measure ------------------------------------------------------------------------------


def targets(env: dict) -> dict:
    """The records the pages show, picked by bench/targets.py with the bench database."""
    result = subprocess.run(
        [str(BIN / "python"), "-m", "bench.targets"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"bench/targets.py failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def pages(t: dict) -> list[tuple[str, str, str | None]]:
    """(name, path, who) for every key page and API list in this version. who: "staff" (the typical
    municipality's coordinator, logged in), "county" (its county board's reader), "token" (an API client
    with the coordinator's personal token, no session) or None (anonymous)."""
    slug, activity = t["slug"], t["activity"]
    return [
        ("staff start page", "/", "staff"),
        ("staff municipality page", f"/kommun/{slug}/", "staff"),
        ("catalogue list", f"/aktiviteter/kommun/{slug}/", "staff"),
        ("catalogue list, filtered", f"/aktiviteter/kommun/{slug}/?status=active&area=alcohol", "staff"),
        ("activity page", f"/aktiviteter/{activity}/", "staff"),
        ("public index (all places)", "/p/", None),
        ("public municipality page", f"/p/{slug}/", None),
        ("public catalogue", f"/p/{slug}/aktiviteter/", None),
        ("public activity page", f"/p/{slug}/aktiviteter/{activity}/", None),
        ("public catalogue JSON", f"/p/{slug}/aktiviteter/json/", None),
        *[tuple(page) for page in t.get("extra_pages", [])],
    ]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(client: Client, path: str, n: int) -> dict:
    for _ in range(3):  # warm-up: connections, template caches
        client.get(path)
    times, statuses = [], set()
    for _ in range(n):
        status, _, elapsed = client.get(path)
        statuses.add(status)
        times.append(elapsed * 1000)
    return {"median": statistics.median(times), "p95": percentile(times, 0.95), "statuses": sorted(statuses)}


def measure_pages(port: int, t: dict, n: int) -> dict:
    clients = {
        "staff": Client(port).login(t["user"]),
        "county": Client(port).login(t["county_user"]),
        None: Client(port),
    }
    if t.get("token"):
        clients["token"] = Client(
            port, {"Authorization": f"Bearer {t['token']}", "Accept": "application/json"}
        )
    anonymous = clients[None]
    floor = measure(anonymous, f"/bench/floor/{t['slug']}/", n)
    results = {"floor": floor}
    for name, path, who in pages(t):
        results[name] = {**measure(clients[who], path, n), "path": path}
    floor_again = measure(anonymous, f"/bench/floor/{t['slug']}/", n)
    # The floor, measured before and after the pages, is the smaller of the two (least noise).
    results["floor"] = min(floor, floor_again, key=lambda r: r["median"])
    return results


def load_paths(t: dict, coordinator: str) -> tuple[list[str], list[str]]:
    """The load run's pages: (public pages of the sampled activities, the coordinator's staff pages)."""
    public = sorted(
        {
            path
            for pk, slug in t["sample"]
            for path in (f"/p/{slug}/", f"/p/{slug}/aktiviteter/", f"/p/{slug}/aktiviteter/{pk}/")
        }
    )
    slug = coordinator.removesuffix("-samordnare")
    return public, ["/", f"/aktiviteter/kommun/{slug}/", f"/kommun/{slug}/"]


def load_run(port: int, t: dict, seconds: float, threads: int, warm: bool = True) -> dict:
    """Half anonymous public pages, half logged-in staff pages, from `threads` clients at once.

    Every client logs in before the clock starts: a login is a password hash (most of a second of CPU on
    purpose), which is not what the load run measures, and 8 of them at once would fill its first seconds.
    With `warm` (the default), every page of the run is also asked for once before the clock starts, as
    each page timing has its warm-up requests: the run measures the site between two changes, its pages
    kept. `--load-cold` leaves that out: then most of the ~500 public pages are first views (misses).
    """
    coordinators = t["coordinators"]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        staff_clients = list(
            pool.map(lambda n: Client(port).login(coordinators[n % len(coordinators)]), range(threads))
        )
        if warm:
            public, _ = load_paths(t, coordinators[0])
            list(pool.map(lambda path: Client(port).get(path), public))
            for _ in range(2):  # a session's first page stores its places: kept from the second GET
                list(
                    pool.map(
                        lambda n: [
                            staff_clients[n].get(p)
                            for p in load_paths(t, coordinators[n % len(coordinators)])[1]
                        ],
                        range(threads),
                    )
                )
    lock, times, errors = threading.Lock(), [], []
    start = threading.Barrier(threads + 1)

    def worker(number):
        rng = random.Random(number)
        staff = staff_clients[number]
        staff_slug = coordinators[number % len(coordinators)].removesuffix("-samordnare")
        anonymous = Client(port)
        start.wait()
        while time.monotonic() < deadline:
            pk, slug = rng.choice(t["sample"])
            choice = rng.random()
            if choice < 0.5:
                client = anonymous
                path = rng.choice([f"/p/{slug}/", f"/p/{slug}/aktiviteter/", f"/p/{slug}/aktiviteter/{pk}/"])
            else:
                client = staff
                path = rng.choice(["/", f"/aktiviteter/kommun/{staff_slug}/", f"/kommun/{staff_slug}/"])
            try:
                status, _, elapsed = client.get(path)
            except OSError as exc:
                status, elapsed = f"{type(exc).__name__}", 0
            with lock:
                times.append(elapsed * 1000)
                if status != 200:
                    errors.append((status, path))

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    started = time.monotonic()
    deadline = started + seconds
    start.wait()  # every client is logged in and ready: the clock starts now
    for thread in pool:
        thread.join()
    duration = time.monotonic() - started
    return {
        "seconds": round(duration, 1),
        "threads": threads,
        "warm": warm,
        "requests": len(times),
        "throughput": len(times) / duration,
        "error_rate": len(errors) / max(len(times), 1),
        "errors": errors[:10],
        "median": statistics.median(times) if times else None,
        "p95": percentile(times, 0.95) if times else None,
    }


def import_speed(env: dict, rows_list: list[int]) -> dict | None:
    """Observations through `samverka import-indicators` against PostgreSQL COPY (when the app exists)."""
    result = subprocess.run(
        [str(BIN / "python"), "-m", "samverka", "help", "import-indicators"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return None
    compiled()
    sys.path.insert(0, str(ROOT))
    try:
        from bench import indicators
    except ImportError:  # the measurement is written when the situation app lands
        return None
    return indicators.measure(env, rows_list)


def compiled() -> None:
    """Samverka's modules compiled to bytecode, as installing a package does (pip compiles what it
    installs; the project is installed editable here), so that a timed command does not compile them."""
    subprocess.run(
        [str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "samverka"), str(ROOT / "bench")],
        check=True,
    )


# --- Running and reporting ------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        memory = f"{int(memory) // 1024 // 1024} GiB"
    except OSError:
        memory = "?"
    return {
        "host": socket.gethostname(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def run_scale(args, scale: str) -> dict:
    name = f"samverka_bench_smoke_{os.getpid()}" if args.smoke else f"samverka_bench_{scale}_{args.seed}"
    url = database_url(args.database_url, name)
    ensure_database(args.database_url, name, fresh=args.fresh or args.smoke)
    data_dir = Path(tempfile.mkdtemp(prefix="samverka-bench-"))
    env = environment(url, data_dir, args.redis_url)
    try:
        print(f"[{scale}] migrating {name} ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        import psycopg

        with psycopg.connect(url) as connection:
            generated = connection.execute("SELECT count(*) FROM core_municipality").fetchone()[0]
        generate_seconds = None
        if not generated:
            print(f"[{scale}] generating synthetic data (samverka generate --scale {scale}) ...", flush=True)
            started = time.monotonic()
            manage(env, "generate", f"--scale={scale}", f"--seed={args.seed}")
            generate_seconds = round(time.monotonic() - started, 1)
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE")
        manage(env, "collectstatic", "--noinput", "-v0")
        t = targets(env)
        print(
            f"[{scale}] {t['municipalities']} municipalities, {t['total_activities']} activities; "
            f"pages of {t['slug']} ({t['activities_in_place']} activities)",
            flush=True,
        )
        if args.redis_url:
            flush_redis(args.redis_url)
        with Server(env) as server:
            print(f"[{scale}] {args.requests} sequential requests per page ...", flush=True)
            page_results = measure_pages(server.port, t, args.requests)
            print(f"[{scale}] load: {args.load_threads} clients for {args.load_seconds} s ...", flush=True)
            load = load_run(server.port, t, args.load_seconds, args.load_threads, warm=not args.load_cold)
        return {
            "scale": scale,
            "database": name,
            "generate_seconds": generate_seconds,
            "place": t["slug"],
            "activities_in_place": t["activities_in_place"],
            "pages": page_results,
            "load": load,
        }
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if args.smoke:
            import psycopg

            with psycopg.connect(database_url(args.database_url, "postgres"), autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def import_table(imports: list[dict] | None) -> list[str]:
    if imports is None:
        return ["Import: not measured (--skip-import, or `samverka import-indicators` does not exist)."]
    lines = [
        "| import (Swedish Excel CSV) | rows | file MB | import-indicators s | rows/s | COPY s | ratio | peak RSS MB "
        "| runs: import s / COPY s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in imports:
        missed = row["rows"] >= TARGET_IMPORT_ROWS and row["ratio"] > TARGET_IMPORT
        ratio = f"{row['ratio']:.1f}{' ✗' if missed else ''}"
        lines.append(
            f"| import | {row['rows']:,} | {row['file_mb']} | {row['import_seconds']:.1f} | "
            f"{row['rows_per_second']:,.0f} | {row['copy_seconds']:.2f} | {ratio} | {row['peak_rss_mb']:.0f} | "
            f"{', '.join(map(str, row.get('import_runs', [])))} / {', '.join(map(str, row.get('copy_runs', [])))} |"
        )
    lines += [
        "",
        f"Target: import-indicators of {TARGET_IMPORT_ROWS:,} rows ≤ {TARGET_IMPORT}× COPY of the same rows "
        "(smaller files: shown, not a target; the command's start-up, about a second, is most of their time); "
        "peak RSS flat in N. Times: the medians of the runs, each from a settled machine (dirty pages written, "
        "a checkpoint).",
    ]
    return lines


def growth(runs: list[dict], name: str, statistic: str) -> float:
    """National over small of a page's `statistic` (median or p95), each against its own run's floor."""
    small, big = (run["pages"] for run in runs)
    return (big[name][statistic] / big["floor"][statistic]) / (
        small[name][statistic] / small["floor"][statistic]
    )


def table(report: dict) -> str:
    runs = report["runs"]
    lines = [
        f"# Samverka benchmark, {report['date']}",
        "",
        f"Machine: {report['machine']['cpu']}, {report['machine']['cpus']} CPUs, {report['machine']['memory']}, "
        f"Python {report['machine']['python']}, {report['machine']['system']}; PostgreSQL {report['postgres']}.",
        f"{report['requests']} sequential requests per page after 3 warm-up requests; gunicorn, 2 sync workers, loopback.",
        f"Cache: {report.get('cache', '?')}.",
        "",
    ]
    if not runs:
        # the import alone: no pages, so neither their request count nor the cache
        return "\n".join(lines[:-3] + [""] + import_table(report["import"])) + "\n"
    header = "| page | " + " | ".join(
        f"{r['scale']} median ms | p95 ms | median × floor | p95 × floor" for r in runs
    )
    if len(runs) == 2:
        header += " | growth (median) | growth (p95)"
    lines += [header + " |", "|" + " --- |" * (header.count("|"))]
    names = list(runs[0]["pages"])
    for name in names:
        cells = [name]
        for run in runs:
            page, floor = run["pages"].get(name), run["pages"]["floor"]
            if page is None:
                cells += ["–"] * 4
                continue
            bad = "" if page["statuses"] == [200] else f" (HTTP {page['statuses']})"
            mr, pr = page["median"] / floor["median"], page["p95"] / floor["p95"]
            cells += [
                f"{page['median']:.1f}{bad}",
                f"{page['p95']:.1f}",
                f"{mr:.1f}{'' if mr <= TARGET_MEDIAN or name == 'floor' else ' ✗'}",
                f"{pr:.1f}{'' if pr <= TARGET_P95 or name == 'floor' else ' ✗'}",
            ]
        if len(runs) == 2 and name in runs[1]["pages"]:
            gm, gp = growth(runs, name, "median"), growth(runs, name, "p95")
            cells += [
                f"{gm:.2f}{'' if gm <= TARGET_GROWTH else ' ✗'}",
                f"{gp:.2f}{'' if gp <= TARGET_GROWTH else ' ✗'}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Targets: median ≤ {TARGET_MEDIAN}× floor, p95 ≤ {TARGET_P95}× floor, growth ≤ {TARGET_GROWTH}; ✗ marks a miss. "
        "Growth: the page's cost × floor at national scale over the same at small scale (each scale against "
        "its own floor, so that the machine's drift between the two parts of the run cancels out; a page "
        "cached at both scales costs some 2 ms, and the floor itself moved up to 1.2× between them).",
        "",
    ]
    lines += [
        "Load: every page of the run asked for once before the clock starts (unless marked cold); "
        "target ≥ 150 requests/s and p95 ≤ 100 ms at national scale, no errors.",
        "",
        "| load run | clients | seconds | requests | requests/s | error rate | median ms | p95 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        load = run["load"]
        # a load run that got no request in (a machine so busy that logging in outlasted it) has no times
        median, p95 = (f"{load[k]:.1f}" if load[k] is not None else "–" for k in ("median", "p95"))
        lines.append(
            f"| {run['scale']}{'' if load.get('warm') else ' (cold)'} | {load['threads']} | {load['seconds']} | "
            f"{load['requests']} | {load['throughput']:.0f} | "
            f"{load['error_rate']:.2%} | {median} | {p95} |"
        )
    lines.append("")
    lines += import_table(report["import"]) + [""]
    for run in runs:
        if run["generate_seconds"]:
            lines.append(f"Generating the {run['scale']} data took {run['generate_seconds']} s.")
    lines.append(
        f"Pages are those of {', '.join(r['place'] + ' (' + r['scale'] + ', ' + str(r['activities_in_place']) + ' activities)' for r in runs)}."
    )
    return "\n".join(lines) + "\n"


def bench_redis(args) -> str | None:
    """The Redis of this run, or None (with a warning) when it is turned off or none answers."""
    url = args.redis_url or f"redis://127.0.0.1:6379/{SMOKE_REDIS_DB if args.smoke else BENCH_REDIS_DB}"
    if url.lower() == "none" or args.only == "import":
        return None
    if not redis_answering(url):
        print(
            f"WARNING: no Redis answers at {url}: the pages are served with the local-memory cache of each "
            "worker and sessions in the database, not with production's set-up (REDIS_URL).",
            flush=True,
        )
        return None
    return url


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", default="small", help="small, county, national, or several: small,national"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per page")
    parser.add_argument("--load-seconds", type=float, default=20)
    parser.add_argument("--load-threads", type=int, default=8)
    parser.add_argument(
        "--load-cold",
        action="store_true",
        help="start the load run without asking for its pages once first (most public pages then are misses)",
    )
    parser.add_argument("--import-rows", default="100000,1000000")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--only", choices=["import"], help="run only this part (import: no pages, no load, no scale database)"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL"),
        help=f"Redis for the cache and sessions, as REDIS_URL in production; emptied before each scale "
        f"(default: $BENCH_REDIS_URL or redis://127.0.0.1:6379/{BENCH_REDIS_DB}, "
        f"/{SMOKE_REDIS_DB} for --smoke; 'none' for no Redis)",
    )
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark databases")
    parser.add_argument("--smoke", action="store_true", help="small scale, few requests, throw-away database")
    parser.add_argument("--output", help="write the results here instead of bench/results/")
    args = parser.parse_args(argv)
    if args.smoke:
        args.scale, args.requests, args.load_seconds, args.load_threads = "small", 5, 2, 2
        args.import_rows = "2000"
    args.import_rows = [int(n) for n in args.import_rows.split(",")]
    args.redis_url = bench_redis(args)
    scales = args.scale.split(",")
    runs = [] if args.only == "import" else [run_scale(args, scale) for scale in scales]
    imports = None
    if not args.skip_import:
        data_dir = Path(tempfile.mkdtemp(prefix="samverka-bench-"))
        try:
            env = environment(database_url(args.database_url, "postgres"), data_dir)
            imports = import_speed(env, args.import_rows)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
    import psycopg

    with psycopg.connect(database_url(args.database_url, "postgres")) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    now = datetime.datetime.now(datetime.UTC)
    report = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "postgres": postgres,
        "requests": args.requests,
        "cache": cache_description(args.redis_url),
        "runs": runs,
        "import": imports,
        "peak_rss_mb_of_runner": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    text = table(report)
    print(text)
    if args.output:
        out = Path(args.output)
    else:
        RESULTS.mkdir(exist_ok=True)
        out = (
            RESULTS
            / f"{now:%Y%m%d-%H%M}-{socket.gethostname()}-{'import' if args.only else '-'.join(scales)}{'-smoke' if args.smoke else ''}"
        )
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    print(f"Written to {out.with_suffix('.md')} and .json")
    failures = [
        (run["scale"], name)
        for run in runs
        for name, page in run["pages"].items()
        if page["statuses"] != [200]
    ]
    if failures or any(run["load"]["error_rate"] > 0 for run in runs):
        print(
            f"ERRORS: pages not answering 200: {failures}; load errors: {[r['load']['errors'] for r in runs]}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
