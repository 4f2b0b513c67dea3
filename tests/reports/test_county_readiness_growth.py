"""Both county overviews (the reports table and the readiness table) cost the same number of queries
with ten more municipalities each sharing a readiness result: the results are read as stored, never
computed per municipality."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.core.models import Membership, Municipality
from samverka.readiness.models import Assessment


def queries_do_not_grow(fetch, add, count):
    """tests/conftest.py's rule, with one more request after the additions: the new municipalities
    change the county board's roles, so the session's list of its places is refilled once (the place
    navigation), which is no cost of the overview."""
    fetch()
    with CaptureQueriesContext(connection) as few:
        first = fetch()
    for i in range(10):
        add(i)
    fetch()
    with CaptureQueriesContext(connection) as many:
        last = fetch()
    assert count(last) == count(first) + 10, "the ten new records are not on the list"
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def _add_municipality_with_a_shared_result(county, done, county_board):
    def add(i):
        municipality = Municipality.objects.create(
            code=f"98{i:02}", name=f"Beredskapskommun {i}", slug=f"beredskapskommun-{i}", county=county
        )
        # The county board works in every municipality of its county, the new ones too.
        for membership in Membership.objects.filter(user=county_board):
            membership.organisation.municipalities.add(municipality)
        Assessment.objects.create(
            municipality=municipality,
            issue=f"Fråga {i}",
            substance_area="alcohol",
            model=done.model,
            completed=True,
            shared_with_county=True,
            stored_result=done.stored_result,
        )

    return add


def test_the_reports_county_overview_reads_ten_more_readiness_results_in_the_same_queries(
    demo, users, client_for
):
    done = Assessment.objects.get(municipality=demo["arjeplog"], completed=True)
    stage = done.stored_result["result"]["overall"][1]
    client = client_for(users["county"])

    def shared_stages(response):
        # The readiness cells that show the stored stage, one per municipality that shared a result.
        return sum(
            1
            for row in response.context["rows"]
            for column, cell, _empty in row.entries
            if column.key == "readiness" and cell is not None and cell.value == stage
        )

    queries_do_not_grow(
        lambda: client.get("/rapporter/lan/norrbotten/"),
        _add_municipality_with_a_shared_result(demo["arjeplog"].county, done, users["county"]),
        shared_stages,
    )


def test_the_readiness_county_table_reads_ten_more_results_in_the_same_queries(demo, users, client_for):
    done = Assessment.objects.get(municipality=demo["arjeplog"], completed=True)
    client = client_for(users["county"])

    def rows(response):
        return len([r for r in response.context["rows"] if r["result"].overall.stage >= 1])

    queries_do_not_grow(
        lambda: client.get("/beredskap/lan/norrbotten/"),
        _add_municipality_with_a_shared_result(demo["arjeplog"].county, done, users["county"]),
        rows,
    )
