"""Issue 12: every public CSV download as Swedish Excel reads it: UTF-8 with BOM, `;` between cells, a
decimal comma, and a cell that would start a formula (= + - @) neutralised with an apostrophe. The test
walks the URL configuration, so a public CSV download added later without a place here fails it."""

import csv
import io
import re

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverka.activities.models import Activity
from samverka.core.models import Organisation
from samverka.indicators.models import Indicator
from samverka.situation.models import ActivityCount, SituationReport
from tests.situation.conftest import readopt

PLANTED = {
    "activity": '=HYPERLINK("http://example.org/","Klicka")',
    "summary": "@SUM(1+1)",
    "indicator": "+cmd|' /C calc'!A0",
    "organisation": "-2+3 Föreningen",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(,\d+)?")


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _downloads(report) -> dict[str, str]:
    """Each public CSV route and the address the test fetches for it."""
    return {
        "p/data.<str:fmt>": "/p/data.csv",
        "p/<slug:slug>/data.<str:fmt>": "/p/arjeplog/data.csv",
        "p/<slug:slug>/lagesbild/<uuid:pk>/siffror.csv": reverse(
            "public:situation_public:export_csv", args=["arjeplog", report.pk]
        ),
        "p/<slug:slug>/lagesbild/<uuid:pk>/antal.csv": reverse(
            "public:situation_public:counts_csv", args=["arjeplog", report.pk]
        ),
    }


_KNOWN = {
    "p/data.<str:fmt>",
    "p/<slug:slug>/data.<str:fmt>",
    "p/<slug:slug>/lagesbild/<uuid:pk>/siffror.csv",
    "p/<slug:slug>/lagesbild/<uuid:pk>/antal.csv",
}


def test_the_walk_knows_every_public_csv_download():
    public_csv = {r for r in _routes() if r.startswith("p/") and (".csv" in r or "data.<" in r)}
    assert public_csv == _KNOWN


def test_every_public_csv_is_swedish_excel_csv_with_formulas_neutralised(places, client):
    call_command("demo", stdout=io.StringIO())
    activity = Activity.objects.filter(municipality=places["arjeplog"], published=True).first()
    Activity.objects.filter(pk=activity.pk).update(title=PLANTED["activity"], summary=PLANTED["summary"])
    Indicator.objects.filter(source_id="D00001").update(name_sv=PLANTED["indicator"])
    report = SituationReport.objects.get(title="Lägesbild Arjeplog 2023")
    organisation = ActivityCount.objects.filter(municipality=places["arjeplog"]).first().organisation
    Organisation.objects.filter(pk=organisation.pk).update(name=PLANTED["organisation"])
    readopt(report)
    expected = {
        "/p/data.csv": [PLANTED["activity"], PLANTED["summary"]],
        "/p/arjeplog/data.csv": [PLANTED["activity"], PLANTED["summary"]],
    }
    downloads = _downloads(report)
    assert set(downloads) == _KNOWN
    decimals = 0
    for url in downloads.values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv"), url
        data = response.getvalue()
        assert data.startswith(b"\xef\xbb\xbf"), f"{url}: no BOM"
        text = data.decode("utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert len(header) > 1 and rows, f"{url}: not `;`-separated, or empty"
        assert all(len(row) == len(header) for row in rows), url
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if re.fullmatch(r"-?\d+\.\d+", c)], f"{url}: a decimal point"
        decimals += sum(1 for c in cells if re.fullmatch(r"-?\d+,\d+", c))
        live = [c for c in cells if c.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(c)]
        assert live == [], f"{url}: cells that start a formula: {live}"
        for planted in expected.get(url, []):
            assert "'" + planted in cells, f"{url}: {planted!r} is not inert text"
    assert decimals, "the lägesbild's figures have values with a decimal comma"
    figures = (
        client.get(downloads["p/<slug:slug>/lagesbild/<uuid:pk>/siffror.csv"]).getvalue().decode("utf-8-sig")
    )
    assert "'" + PLANTED["indicator"] in figures
    counts = (
        client.get(downloads["p/<slug:slug>/lagesbild/<uuid:pk>/antal.csv"]).getvalue().decode("utf-8-sig")
    )
    assert "'" + PLANTED["organisation"] in counts
