import pytest


@pytest.fixture
def meeting_demo(places):
    from samverka.meetings import demo_data as meetings_demo
    from samverka.meetings.models import Meeting
    from samverka.situation import demo_data

    demo_data.load()
    meetings_demo.load()
    return Meeting.objects.get(title="Gränsöverskridande samarbete om ANDTS")
