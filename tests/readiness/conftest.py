import pytest


@pytest.fixture
def readiness(places, users, django_user_model):
    """The readiness demo: Arjeplog's completed assessment and the ongoing one (scorer 1 submitted
    interview 1, scorer 2 has only a draft)."""
    from samverka.readiness import demo_data
    from samverka.readiness.demo_data import ISSUE, ONGOING_ISSUE
    from samverka.readiness.models import Assessment

    demo_data.load()
    done = Assessment.objects.get(issue=ISSUE)
    ongoing = Assessment.objects.get(issue=ONGOING_ISSUE)
    return {
        "done": done,
        "ongoing": ongoing,
        "ongoing_interview": ongoing.interviews.get(number=1),
        "scorer1": django_user_model.objects.get(username="arjeplog-bedomare1"),
        "scorer2": django_user_model.objects.get(username="arjeplog-bedomare2"),
    }
