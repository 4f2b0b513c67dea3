"""The county overview: Norrbotten's municipalities side by side, sortable, exported."""

import csv
import io

import openpyxl
import pytest

from samverka.reports import overview


def test_the_county_board_sees_every_municipality_of_norrbotten(demo, users, client_for):
    client = client_for(users["county"])
    response = client.get("/rapporter/lan/norrbotten/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 14
    by_name = {r.municipality.name: r for r in rows}
    arjeplog = by_name["Arjeplog"]
    assert not arjeplog.shared_nothing
    assert by_name["Kiruna"].shared_nothing  # the demo has nothing from Kiruna…
    page = response.content.decode()
    assert "Inget delat" in page  # …shown as such, not as zeros


def test_the_overview_costs_the_same_queries_with_ten_more_municipalities(
    demo, users, client_for, queries_do_not_grow
):
    from samverka.activities.models import Activity, Arena, Status
    from samverka.core.models import Municipality

    county = demo["arjeplog"].county
    client = client_for(users["county"])

    def add(i):
        municipality = Municipality.objects.create(
            code=f"99{i:02}", name=f"Kommun {i}", slug=f"kommun-{i}", county=county
        )
        Activity.objects.create(
            municipality=municipality,
            title=f"Aktivitet {i}",
            arena=Arena.SCHOOL,
            status=Status.ACTIVE,
            published=True,
        )

    queries_do_not_grow(
        lambda: client.get("/rapporter/lan/norrbotten/"), add, lambda response: len(response.context["rows"])
    )


def test_activities_are_counted_per_arena_with_evidence_based_apart(demo, users, client_for):
    from samverka.activities.models import Activity

    cols, rows = overview.build(list(demo["arjeplog"].county.municipalities.all()), users["county"])
    i = [c.key for c in cols].index("activities")
    cell = next(r for r in rows if r.municipality.slug == "arjeplog").cells[i]
    active = Activity.objects.filter(municipality__slug="arjeplog", published=True, status="active")
    assert cell.value == active.count()
    assert f"(varav {active.filter(evidence_basis='research').count()} evidensbaserade)" in cell.display
    assert sum(int(d.rsplit(": ", 1)[1]) for d in cell.details) == active.count()


def test_sorting_puts_municipalities_that_shared_nothing_last_in_both_directions(demo, users, client_for):
    client = client_for(users["county"])
    for direction in ["asc", "desc"]:
        rows = client.get(f"/rapporter/lan/norrbotten/?sort=activities&dir={direction}").context["rows"]
        shared = [r.shared_nothing for r in rows]
        assert shared == sorted(shared)  # False (shared something) before True
    names = [
        r.municipality.name
        for r in client.get("/rapporter/lan/norrbotten/?sort=name&dir=desc").context["rows"]
    ]
    assert names == sorted(names, reverse=True)


def test_the_overview_exports_to_xlsx_and_csv_and_prints_as_pdf(demo, users, client_for):
    client = client_for(users["county"])
    xlsx = client.get("/rapporter/lan/norrbotten/oversikt.xlsx")
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "Kommun" and len(table) == 15
    kiruna = next(r for r in table if r[0] == "Kiruna")
    assert "Inget delat" in kiruna
    text = b"".join(client.get("/rapporter/lan/norrbotten/oversikt.csv").streaming_content).decode(
        "utf-8-sig"
    )
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(lines) == 15 and any(line[0] == "Arjeplog" for line in lines)
    pdf = client.get("/rapporter/lan/norrbotten/oversikt.pdf")
    assert pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    assert "Arjeplog" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_the_overview_is_not_for_users_without_a_place_in_the_county(demo, users, client_for, who):
    response = client_for(users[who]).get("/rapporter/lan/norrbotten/")
    assert response.status_code in (302, 404)
    assert client_for(users[who]).get("/rapporter/lan/norrbotten/oversikt.xlsx").status_code in (302, 404)


def test_an_unknown_county_or_format_is_a_404(demo, users, client_for):
    client = client_for(users["county"])
    assert client.get("/rapporter/lan/skane/").status_code == 404
    assert client.get("/rapporter/lan/norrbotten/oversikt.doc").status_code == 404


def test_drafts_never_count_in_the_overview(demo, users):
    from samverka.activities.models import Activity

    municipalities = list(demo["arjeplog"].county.municipalities.all())
    before = overview.build(municipalities, users["county"])[1]
    Activity.objects.create(municipality=demo["kiruna"], title="Utkast", arena="school", published=False)
    after = overview.build(municipalities, users["county"])[1]
    kiruna = [r for r in after if r.municipality.slug == "kiruna"][0]
    assert kiruna.shared_nothing and [r.cells for r in before] == [r.cells for r in after]


def column(cols, rows, key, slug):
    i = [c.key for c in cols].index(key)
    return next(r for r in rows if r.municipality.slug == slug).cells[i]


def test_the_readiness_stage_shows_only_where_shared_with_the_county_or_published(demo, users):
    from samverka.readiness import selectors
    from samverka.readiness.models import Assessment

    municipalities = list(demo["arjeplog"].county.municipalities.all())
    cols, rows = overview.build(municipalities, users["county"])
    done = Assessment.objects.get(municipality=demo["arjeplog"], completed=True)
    assert column(cols, rows, "readiness", "arjeplog").value == selectors.result_of(done)[0].overall.stage
    Assessment.objects.filter(pk=done.pk).update(published=False, shared_with_county=False)
    cols, rows = overview.build(municipalities, users["county"])
    assert column(cols, rows, "readiness", "arjeplog") is None
    Assessment.objects.filter(pk=done.pk).update(shared_with_county=True)
    cols, rows = overview.build(municipalities, users["county"])
    assert column(cols, rows, "readiness", "arjeplog") is not None


def test_promises_show_with_their_statuses_and_link_to_the_promise(demo, users):
    from samverka.promises.models import Promise

    cols, rows = overview.build(list(demo["arjeplog"].county.municipalities.all()), users["county"])
    cell = column(cols, rows, "promises", "arjeplog")
    public = Promise.objects.filter(municipality=demo["arjeplog"], state__in=["active", "concluded"])
    assert cell.value == public.count() and cell.details
    assert cell.url.startswith("/p/arjeplog/medborgarloften/")
    assert column(cols, rows, "lagesbild", "arjeplog") is not None
    assert column(cols, rows, "action_plan", "arjeplog") is not None


def test_chosen_indicators_become_columns_without_counting_as_shared(demo, users, client_for):
    from samverka.reports.columns import indicator_choices

    indicator = indicator_choices().first()
    client = client_for(users["county"])
    response = client.get(
        f"/rapporter/lan/norrbotten/?indicator={indicator.pk}&sort=indicator-{indicator.pk}"
    )
    assert response.status_code == 200
    assert response.context["headers"][-1]["title"] == indicator.name_sv
    kiruna = next(r for r in response.context["rows"] if r.municipality.slug == "kiruna")
    assert kiruna.shared_nothing  # public statistics are not something Kiruna shared
    assert client.get("/rapporter/lan/norrbotten/?indicator=not-a-uuid").status_code == 200
    xlsx = client.get(f"/rapporter/lan/norrbotten/oversikt.xlsx?indicator={indicator.pk}")
    header = next(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert indicator.name_sv in header


def test_reach_last_year_is_summed_from_the_activity_log_and_small_numbers_are_hidden(
    demo, users, frozen_today
):
    from samverka.activities.models import Activity, Occasion

    arjeplog, pitea = demo["arjeplog"], demo["pitea"]
    Occasion.objects.all().delete()  # the demo's own activity log is tested below
    mine = Activity.objects.filter(municipality=arjeplog, published=True).first()
    theirs = Activity.objects.create(
        municipality=pitea, title="Läxhjälp", arena="school", status="active", published=True
    )
    for activity, day, n in [(mine, "2025-03-02", 12), (mine, "2025-09-10", 8), (mine, "2026-01-10", 100)]:
        Occasion.objects.create(
            municipality=arjeplog, activity=activity, date=day, venue="Skolan", participants=n
        )
    Occasion.objects.create(
        municipality=pitea, activity=theirs, date="2025-05-05", venue="Biblioteket", participants=4
    )

    cols, rows = overview.build(
        overview.permissions.county_for(users["county"], "norrbotten")[1], users["county"]
    )
    i = [c.key for c in cols].index("reach")
    by_name = {r.municipality.name: r.cells[i] for r in rows}
    assert (by_name["Arjeplog"].value, by_name["Arjeplog"].details) == (20, ("2025: 2 tillfällen",))
    assert (by_name["Piteå"].value, by_name["Piteå"].display) == (None, "färre än 5")
    assert by_name["Kiruna"] is None  # nothing recorded: shared nothing, not zero
    _header, lines = overview.table(cols, rows)
    line = next(line for line in lines if "Piteå" in line)
    assert "4" not in [str(v) for v in line]


def test_the_county_overview_sums_the_demo_activity_log_of_last_year(demo, users, frozen_today):
    cols, rows = overview.build(
        overview.permissions.county_for(users["county"], "norrbotten")[1], users["county"]
    )
    i = [c.key for c in cols].index("reach")
    arjeplog = next(r for r in rows if r.municipality.name == "Arjeplog").cells[i]
    # 2025: the aggression training (27), the outreach evenings (40) and two anti-doping evenings (4 + 9)
    assert (arjeplog.value, arjeplog.details) == (80, ("2025: 4 tillfällen",))
