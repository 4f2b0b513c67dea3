import pytest


@pytest.fixture
def readiness(places, users, django_user_model):
    """The readiness demo: Arjeplog's completed assessment and the ongoing one (interview 1 agreed in
    consensus; scorer 1 submitted interview 2, scorer 2 has only a draft; 3 and 4 planned)."""
    from samverka.readiness import demo_data
    from samverka.readiness.demo_data import ISSUE, ONGOING_ISSUE
    from samverka.readiness.models import Assessment

    demo_data.load()
    done = Assessment.objects.get(issue=ISSUE)
    ongoing = Assessment.objects.get(issue=ONGOING_ISSUE)
    return {
        "done": done,
        "ongoing": ongoing,
        "ongoing_agreed": ongoing.interviews.get(number=1),
        "ongoing_interview": ongoing.interviews.get(number=2),
        "scorer1": django_user_model.objects.get(username="arjeplog-bedomare1"),
        "scorer2": django_user_model.objects.get(username="arjeplog-bedomare2"),
    }
