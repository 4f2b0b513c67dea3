"""The steps of the multi-node test, run by scripts/cluster-test.sh against the services it started.

`bad-config PRIMARY_PORT CLOSED_PORT`: each kind of bad configuration stops a web process with its message.
`steps`: drives nodes A and B over HTTP like a browser (log-in, forms with their CSRF token) and reads the
primary database through Django's ORM to check what was saved. Every check prints one line; the first
failed check stops the run with a non-zero exit.
"""

import html
import io
import os
import secrets
import subprocess
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

PASSWORD = "samverka-demo"
STEP_TIMEOUT = 120


def check(condition, what: str, detail: object = "") -> None:
    if not condition:
        print(f"FAIL  {what}" + (f"\n      {detail}" if detail != "" else ""), flush=True)
        sys.exit(1)
    print(f"ok    {what}", flush=True)


def until(what: str, probe, seconds: float = STEP_TIMEOUT, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(every)
    check(False, what, f"not within {seconds} s")


# --- bad configuration ------------------------------------------------------------------------------


def bad_config(primary_port: str, closed_port: str) -> None:
    base = dict(os.environ)
    base["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{primary_port}/samverka"
    for key in ("DATABASE_REPLICA_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        base.pop(key, None)
    cases = [
        ("an unreachable REDIS_URL", {"REDIS_URL": f"redis://127.0.0.1:{closed_port}/0"}, "REDIS_URL="),
        ("an S3 bucket that does not exist", {"S3_BUCKET": "no-such-bucket"}, "does not exist"),
        ("S3 keys the store refuses", {"S3_SECRET_ACCESS_KEY": "wrong-secret"}, "refuses S3_ACCESS_KEY_ID"),
        (
            "a replica URL that points at the primary's writable database",
            {"DATABASE_REPLICA_URL": base["DATABASE_URL"]},
            "points at a writable database",
        ),
    ]
    for what, change, message in cases:
        # The real start of a web node: gunicorn loading samverka.wsgi.
        process = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "gunicorn", "samverka.wsgi", "-b", f"127.0.0.1:{closed_port}"],
            env={**base, **change},
            capture_output=True,
            text=True,
            timeout=60,
        )
        output = process.stdout + process.stderr
        check(
            process.returncode != 0 and message in output,
            f"start-up stops on {what}, saying so",
            output[-600:],
        )


# --- a browser ---------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """Every <form> of a page: action, method and the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image"):
                self._form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].setdefault(self._select, [] if "multiple" in a else None)
        elif tag == "option" and self._select:
            value = a.get("value", "")
            current = self._form["fields"][self._select]
            if "selected" in a:
                if isinstance(current, list):
                    current.append(value)
                else:
                    self._form["fields"][self._select] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._form and self._form["fields"].get(self._select) is None:
                self._form["fields"][self._select] = ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data


class Browser(requests.Session):
    def form(self, url: str, *, has: str, data=None, files=None, expect=(200, 302)):
        """Fill in the page's post form that has the field `has`, like a person would, and send it."""
        page = self.get(url)
        check(page.status_code == 200, f"GET {url}", page.status_code)
        parser = _Forms()
        parser.feed(page.text)
        form = next((f for f in parser.forms if f["method"] == "post" and has in f["fields"]), None)
        if form is None and files and has in files:  # a form whose only field is the file
            form = next((f for f in parser.forms if f["method"] == "post" and f["action"] in ("", url)), None)
        check(form is not None, f"the form with {has!r} on {url}")
        fields = {**form["fields"], **(data or {})}
        response = self.post(
            urljoin(url, html.unescape(form["action"])) if form["action"] else url,
            data=fields,
            files=files,
            allow_redirects=False,
        )
        check(response.status_code in expect, f"POST {url}", f"{response.status_code} {response.text[:800]}")
        return response

    def login(self, node: str, username: str):
        response = self.form(
            f"{node}/konto/logga-in/",
            has="username",
            data={"username": username, "password": PASSWORD},
            expect=(302,),
        )
        return response


def control(command: str) -> None:
    work = os.environ["CLUSTER_WORK"]
    with open(f"{work}/control", "w") as pipe:
        pipe.write(command + "\n")
    with open(f"{work}/control-done") as pipe:
        pipe.read()


def job_state(browser, node, job_id):
    response = browser.get(f"{node}/jobb/{job_id}/?format=json")
    if response.status_code != 200:
        check(False, f"job state on {node}", response.status_code)
    return response.json()


def csv_for_import(indicators: int, label: str) -> bytes:
    lines = ["Indikator;Kommun;År;Kön;Värde"]
    for i in range(indicators):
        for year in range(1975, 2025):
            for group in ("Totalt", "Flickor", "Pojkar"):
                lines.append(f"CLUSTER-{label}-{i};Arjeplog;{year};{group};{(i * 7 + year) % 100},5")
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def start_import(browser, node, data: bytes, name: str):
    preview = browser.form(
        f"{node}/lagesbild/arjeplog/import/",
        has="file",
        files={"file": (name, data, "text/csv")},
        expect=(200,),
    )
    parser = _Forms()
    parser.feed(preview.text)
    confirm = next(f for f in parser.forms if "bekrafta" in f["action"])
    response = browser.post(urljoin(node, confirm["action"]), data=confirm["fields"], allow_redirects=False)
    location = response.headers.get("Location", "")
    check(
        response.status_code == 302 and "/jobb/" in location,
        f"the import of {name} starts as a job",
        response.status_code,
    )
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]


# --- the steps ---------------------------------------------------------------------------------------


def steps() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    import psycopg
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.utils import timezone

    from samverka.activities.models import Activity
    from samverka.indicators.models import ImportRun, Observation
    from samverka.promises.models import ActionPlan, Commitment, FollowUp

    a = f"http://127.0.0.1:{os.environ['NODE_A']}"
    b = f"http://127.0.0.1:{os.environ['NODE_B']}"

    print("-- log in on node A, continue the session on node B")
    coordinator = Browser()
    coordinator.login(a, "arjeplog-samordnare")
    page = coordinator.get(f"{b}/loften/arjeplog/", allow_redirects=False)
    check(
        page.status_code == 200 and "/konto/logga-ut/" in page.text,
        "node B knows the session started on A",
        page.status_code,
    )

    print("-- follow-up evidence: upload on A, download on B through a signed URL, refused to others")
    plan = ActionPlan.objects.get(title__startswith="BRÅ Arjeplogs")
    ActionPlan.objects.filter(pk=plan.pk).update(published=False)  # its follow-ups are not public now
    commitment = Commitment.objects.filter(plan=plan).order_by("order").first()
    evidence = b"%PDF-1.4\n% cluster test evidence " + secrets.token_hex(16).encode() + b"\n%%EOF\n"
    coordinator.form(
        f"{a}/loften/atagande/{commitment.pk}/uppfoljning/",
        has="description",
        data={"date": timezone.localdate().isoformat(), "description": "Klustertest: bevis"},
        files={"evidence_file": ("bevis.pdf", evidence, "application/pdf")},
        expect=(302,),
    )
    follow_up = FollowUp.objects.filter(commitment=commitment, description="Klustertest: bevis").get()
    url = f"/loften/uppfoljning/{follow_up.pk}/bilaga/"
    answer = coordinator.get(f"{b}{url}", allow_redirects=False)
    location = answer.headers.get("Location", "")
    check(
        answer.status_code == 302
        and location.startswith(os.environ["S3_ENDPOINT_URL"])
        and "X-Amz-Signature=" in location,
        "node B answers the owner with a signed URL of the object store",
        f"{answer.status_code} {location}",
    )
    check(requests.get(location, timeout=10).content == evidence, "the signed URL gives the uploaded bytes")
    unsigned = requests.get(
        f"{os.environ['S3_ENDPOINT_URL']}/{os.environ['S3_BUCKET']}/{follow_up.evidence_file.name}",
        timeout=10,
    )
    check(
        unsigned.status_code == 403 and evidence not in unsigned.content,
        "the object itself is private",
        unsigned.status_code,
    )
    other = Browser()
    other.login(b, "pitea-redaktor")
    refused = other.get(f"{b}{url}", allow_redirects=False)
    check(
        refused.status_code == 404 and evidence not in refused.content,
        "another municipality's editor is refused",
        refused.status_code,
    )
    anonymous = requests.get(f"{b}{url}", allow_redirects=False, timeout=10)
    check(
        anonymous.status_code == 302
        and resolve_url(settings.LOGIN_URL) in anonymous.headers.get("Location", "")
        and evidence not in anonymous.content,
        "an anonymous visitor is sent to the login page, not to the file",
        f"{anonymous.status_code} {anonymous.headers.get('Location', '')}",
    )
    time.sleep(settings.STORAGES["default"]["OPTIONS"]["querystring_expire"] + 1)
    expired = requests.get(location, timeout=10)
    check(
        expired.status_code == 403 and evidence not in expired.content,
        "the signed URL has expired a few seconds later",
        expired.status_code,
    )

    print("-- an import started on A, watched on B, its result on both")
    data = csv_for_import(160, "A")
    rows = 160 * 50 * 3
    job_id = start_import(coordinator, a, data, "kluster-a.csv")
    seen = []

    def finished():
        state = job_state(coordinator, b, job_id)
        if state["running"] and state["status"] == "queued":
            seen.append(state["done"])
        return state if state["status"] != "queued" else None

    state = until("the import job finishes", finished, every=0.05)
    check(any(0 < done < rows for done in seen), "node B showed the job's progress while it ran", seen[:8])
    check(
        state["status"] == "done" and state["result"]["created"] == rows,
        f"the job imported {rows} rows",
        state,
    )
    check(job_state(coordinator, a, job_id)["result"] == state["result"], "node A shows the same result")
    page = coordinator.get(f"{a}/jobb/{job_id}/")
    check(
        f"{rows}" in page.text.replace("\xa0", "").replace(" ", "") and "Importerade" in page.text,
        "the job page on A shows the result in Swedish",
    )
    run = ImportRun.objects.get(file_name="kluster-a.csv")
    check(
        run.status == ImportRun.Status.DONE and Observation.objects.filter(import_run=run).count() == rows,
        "the observations are saved once",
    )

    print("-- the county report's PDF: made by the worker, offered on B through a signed URL")
    county = Browser()
    county.login(a, "lansstyrelsen")
    parser = _Forms()
    parser.feed(county.get(f"{a}/rapporter/lan/norrbotten/").text)
    button = next(f for f in parser.forms if f["action"].startswith("/rapporter/lan/norrbotten/oversikt.pdf"))
    response = county.post(urljoin(a, button["action"]), data=button["fields"], allow_redirects=False)
    location = response.headers.get("Location", "")
    check(
        response.status_code == 302 and "/jobb/" in location,
        "the PDF button starts a job",
        response.status_code,
    )
    report_id = location.rstrip("/").rsplit("/", 1)[-1]
    state = until(
        "the report job finishes",
        lambda: (s := job_state(county, b, report_id))["status"] != "queued" and s,
    )
    check(state["status"] == "done" and state["download"], "the worker made the PDF", state)
    answer = county.get(f"{b}/jobb/{report_id}/fil/", allow_redirects=False)
    signed = answer.headers.get("Location", "")
    check(
        answer.status_code == 302 and signed.startswith(os.environ["S3_ENDPOINT_URL"]),
        "node B offers the PDF as a signed URL of the object store",
        f"{answer.status_code} {signed}",
    )
    pdf = requests.get(signed, timeout=10).content
    from pypdf import PdfReader

    check(
        pdf.startswith(b"%PDF")
        and "Arjeplog" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages),
        "the signed URL gives the county's PDF",
    )
    check(
        coordinator.get(f"{b}/jobb/{report_id}/fil/", allow_redirects=False).status_code == 404,
        "another user does not get the report",
    )

    print("-- an activity changed on B: the public page on A changes at once")
    activity = (
        Activity.objects.filter(municipality__slug="arjeplog", published=True).order_by("title").first()
    )
    visitor = requests.Session()
    public = f"{a}/p/arjeplog/aktiviteter/"
    visitor.get(public)
    cached = visitor.get(public)
    check(
        cached.headers.get("X-Samverka-Cache") == "hit" and html.escape(activity.title) in cached.text,
        "node A serves the public list from the shared cache",
    )
    new_title = f"{activity.title[:150]} (klustertest {secrets.token_hex(3)})"
    coordinator.form(
        f"{b}/aktiviteter/{activity.pk}/andra/", has="title", data={"title": new_title}, expect=(302,)
    )
    started = time.monotonic()
    fresh = until(
        "node A's public page shows the change",
        lambda: (r := visitor.get(public)) and html.escape(new_title) in r.text and r,
        seconds=5,
        every=0.1,
    )
    check(
        time.monotonic() - started < 2,
        f"node A showed it after {time.monotonic() - started:.2f} s",
        fresh.headers.get("X-Samverka-Cache"),
    )

    print("-- the replica: public pages read from it; stopped, pages still answer and /healthz says so")
    replica_dsn = settings.DATABASES["replica"]
    with psycopg.connect(
        host="127.0.0.1", port=replica_dsn["PORT"], user="postgres", dbname="samverka", autocommit=True
    ) as conn:

        def replica_reads():
            return conn.execute(
                "SELECT sum(tup_returned) FROM pg_stat_database WHERE datname = 'samverka'"
            ).fetchone()[0]

        before = replica_reads()
        for i in range(3):
            requests.get(f"{a}/p/arjeplog/?n={i}{secrets.token_hex(2)}", timeout=10)
        # A backend flushes its statistics at most once a second, and an idle one only after up to
        # ten seconds (PostgreSQL's PGSTAT_IDLE_INTERVAL): wait for them rather than guess.
        until("anonymous public pages read from the replica", lambda: replica_reads() > before, seconds=15)
        check(True, "anonymous public pages read from the replica")
    health = requests.get(f"{a}/healthz", timeout=10).json()
    check(
        health["status"] == "ok" and health["checks"]["replica"]["in_recovery"] is True,
        "/healthz: every dependency ok, the replica in recovery",
        health,
    )
    control("stop-replica")
    for node in (a, b):
        page = requests.get(f"{node}/p/arjeplog/?replica-down={secrets.token_hex(3)}", timeout=30)
        check(
            page.status_code == 200 and "Arjeplog" in page.text,
            f"{node} answers a public page with the replica down",
            page.status_code,
        )
        health = requests.get(f"{node}/healthz", timeout=30)
        body = health.json()
        check(
            health.status_code == 200
            and body["status"] == "degraded"
            and body["checks"]["replica"]["status"] == "error",
            f"{node}/healthz reports the replica down",
            body,
        )
        check(
            requests.get(f"{node}/readyz", timeout=30).status_code == 200,
            f"{node}/readyz still takes requests",
        )
    control("start-replica")
    until(
        "/healthz reports the replica back",
        lambda: requests.get(f"{a}/healthz", timeout=10).json()["status"] == "ok",
        seconds=30,
        every=0.5,
    )
    check(True, "the replica is back in /healthz")

    print("-- the worker stopped in the middle of an import, started again: the import finishes once")
    data = csv_for_import(400, "B")
    rows = 400 * 50 * 3
    job_id = start_import(coordinator, a, data, "kluster-b.csv")
    state = until(
        "the second import runs",
        lambda: (s := job_state(coordinator, b, job_id))["done"] >= 4000 and s,
        every=0.1,
    )
    check(state["status"] == "queued", f"the import is half-way ({state['done']} of {rows} rows)")
    control("kill-worker")
    run = ImportRun.objects.get(file_name="kluster-b.csv")
    check(
        run.status == ImportRun.Status.PREVIEW and not Observation.objects.filter(import_run=run).exists(),
        "killed half-way, nothing of it was saved",
    )
    control("start-worker")
    state = until(
        "the import finishes after the restart",
        lambda: (s := job_state(coordinator, b, job_id))["status"] != "queued" and s,
    )
    run.refresh_from_db()
    check(state["status"] == "done" and state["attempts"] == 2, "the job ran again and finished", state)
    check(
        run.status == ImportRun.Status.DONE
        and run.created == rows
        and Observation.objects.filter(import_run=run).count() == rows,
        f"all {rows} rows imported, each once",
    )
    print("All steps passed.")


if __name__ == "__main__":
    if sys.argv[1] == "bad-config":
        bad_config(sys.argv[2], sys.argv[3])
    else:
        steps()
