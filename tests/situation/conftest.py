import pytest


@pytest.fixture
def situation_demo(places):
    """The lägesbild demo data (imports of the shipped demo files, notes, counts, the Arjeplog lägesbild)."""
    from samverka.meetings import demo_data as meetings_demo
    from samverka.situation import demo_data

    demo_data.load()
    meetings_demo.load()
    from samverka.situation.models import SituationReport

    return {
        "report": SituationReport.objects.get(title="Lägesbild Arjeplog 2023"),
        "shared": SituationReport.objects.get(title="Gemensam lägesbild Pite älvdal 2019"),
    }


def readopt(report):
    """Adopt the lägesbild again with today's data, as a coordinator does after returning it to draft (an
    adopted lägesbild shows the snapshot of its adoption day)."""
    from samverka.situation import selectors

    report.snapshot = selectors.snapshot(report)
    report.save(update_fields=["snapshot"])
