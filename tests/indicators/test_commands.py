"""`samverka import-indicators` and `samverka fetch-kolada` (against a local server, never the internet)."""

import http.server
import io
import json
import threading
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from samverka.indicators.models import ImportRun, Indicator, Observation
from tests.indicators.conftest import DEMO_FILES, kolada_json, kolada_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places(places):
    return places


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_indicators_imports_a_kolada_file_with_a_progress_bar():
    out, err = run("import-indicators", str(DEMO_FILES / "kolada-demo-2018-2023.json"))
    assert "324 rows read: 324 new, 0 changed, 0 unchanged" in out
    # tqdm's bar over the bytes read, full at the end, with the rows read so far after it
    final = err.rsplit("\r", 1)[-1]
    assert final.startswith("100%|██████████| ")
    assert final.rstrip().endswith(", 324 rows]")
    assert Observation.objects.count() == 324
    assert ImportRun.objects.get().status == ImportRun.Status.DONE


def test_import_indicators_twice_changes_nothing():
    path = str(DEMO_FILES / "skolenkat-demo-2019-2023.csv")
    run("import-indicators", path, "--no-progress")
    out, _err = run("import-indicators", path, "--no-progress")
    assert "270 rows read: 0 new, 0 changed, 270 unchanged" in out
    assert Observation.objects.count() == 270


def test_import_indicators_dry_run_saves_nothing():
    out, _err = run(
        "import-indicators", str(DEMO_FILES / "kolada-demo-2024.json"), "--dry-run", "--no-progress"
    )
    assert "54 new" in out and "Dry run" in out
    assert not Observation.objects.exists()
    assert not ImportRun.objects.exists()


def test_import_indicators_reads_several_pages_as_one_answer(tmp_path):
    first, second = tmp_path / "p1.json", tmp_path / "p2.json"
    first.write_bytes(kolada_json([kolada_row(period=2022)], next_page=2))
    second.write_bytes(kolada_json([kolada_row(period=2023)]))
    run("import-indicators", str(first), str(second), "--no-progress")
    assert sorted(Observation.objects.values_list("period", flat=True)) == ["2022", "2023"]


def test_import_indicators_refuses_a_malformed_file_and_saves_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(kolada_json([kolada_row(), kolada_row(place="2599")]))
    with pytest.raises(CommandError, match=r"row 2: unknown municipality code 2599\. Nothing was saved"):
        run("import-indicators", str(bad), "--no-progress")
    assert not Observation.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_import_indicators_names_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        run("import-indicators", "/nonexistent/kolada.json")


# --- fetch-kolada against recorded responses ------------------------------------------------------------


class RecordedKolada(http.server.BaseHTTPRequestHandler):
    """Serves recorded Kolada answers: /v3/kpi/..., and /v3/data/... in two pages linked by next_url."""

    requests: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).requests.append(self.path)
        base = f"http://{self.headers['Host']}"
        path = urlsplit(self.path).path
        if path.startswith("/v3/kpi/"):
            body = (DEMO_FILES / "kolada-kpi-demo.json").read_bytes()
        elif path.startswith("/v3/data/kpi/") and "page=2" not in self.path:
            rows = json.loads((DEMO_FILES / "kolada-demo-2024.json").read_bytes())["values"]
            body = json.dumps(
                {"values": rows[:20], "count": len(rows), "next_url": f"{base}{self.path}?page=2"}
            ).encode()
        elif path.startswith("/v3/data/kpi/"):
            rows = json.loads((DEMO_FILES / "kolada-demo-2024.json").read_bytes())["values"]
            body = json.dumps({"values": rows[20:], "count": len(rows), "next_url": None}).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def kolada_server(settings):
    RecordedKolada.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordedKolada)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SAMVERKA_KOLADA_URL = f"http://127.0.0.1:{server.server_address[1]}/v3"
    yield server
    server.shutdown()
    server.server_close()


def test_fetch_kolada_fetches_meanings_and_every_page_and_imports_them(kolada_server):
    out, _err = run(
        "fetch-kolada",
        "--kpi",
        "D00001",
        "--kpi",
        "D00002",
        "--municipality",
        "arjeplog",
        "--years",
        "2024",
        "--no-progress",
    )
    assert "54 rows fetched: 54 new" in out
    assert RecordedKolada.requests[0] == "/v3/kpi/D00001%2CD00002"
    assert (
        RecordedKolada.requests[1] == "/v3/data/kpi/D00001%2CD00002/municipality/0000%2C0025%2C2506/year/2024"
    )
    assert RecordedKolada.requests[2].endswith("?page=2")
    assert Indicator.objects.get(source_id="D00002").name_sv.startswith("Elever i åk 9")
    out, _err = run(
        "fetch-kolada",
        "--kpi",
        "D00001",
        "--kpi",
        "D00002",
        "--municipality",
        "2506",
        "--years",
        "2024",
        "--no-progress",
    )
    assert "0 new, 0 changed, 54 unchanged" in out


def test_fetch_kolada_reports_an_unreachable_server_and_saves_nothing(settings):
    settings.SAMVERKA_KOLADA_URL = "http://127.0.0.1:9/v3"
    with pytest.raises(CommandError, match="could not connect.*Nothing was saved"):
        run(
            "fetch-kolada",
            "--kpi",
            "D00001",
            "--municipality",
            "arjeplog",
            "--years",
            "2024",
            "--no-progress",
        )
    assert not Observation.objects.exists()


def test_fetch_kolada_does_not_follow_a_next_page_on_another_host(kolada_server, monkeypatch):
    from samverka.indicators import kolada
    from samverka.indicators.parsing import KoladaEnvelope

    with pytest.raises(kolada.FetchError, match="another host"):
        kolada._next(
            "http://127.0.0.1:1/v3/data/x",
            KoladaEnvelope(next_url="http://evil.example/v3"),
            "http://127.0.0.1:1/v3",
        )


def test_fetch_kolada_refuses_an_unknown_municipality_and_bad_years(kolada_server):
    with pytest.raises(CommandError, match="no municipality"):
        run("fetch-kolada", "--kpi", "D00001", "--municipality", "atlantis")
    with pytest.raises(CommandError, match="--years"):
        run("fetch-kolada", "--kpi", "D00001", "--municipality", "arjeplog", "--years", "förra året")
