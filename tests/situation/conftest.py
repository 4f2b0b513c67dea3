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
