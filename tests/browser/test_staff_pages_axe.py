"""axe-core finds nothing on every staff page type, walked as Arjeplog's coordinator, and on a few as the
county board and the police (issue 12, "Measured"). Every page is checked and all violations are reported
together, each with its address."""

from tests.browser.conftest import login


def _violations(page, axe_clean, paths):
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        try:
            axe_clean(page)
        except AssertionError as error:
            found.append(str(error))
    return found


def _coordinator_paths():
    from samverka.activities.models import Activity
    from samverka.core.models import Organisation
    from samverka.meetings.models import Meeting
    from samverka.promises.models import ActionPlan, Commitment, Promise
    from samverka.readiness.models import Assessment
    from samverka.reports.models import YearlyFollowUp  # noqa: F401 - the app's pages below
    from samverka.situation.models import SituationReport

    activity = Activity.objects.filter(municipality__slug="arjeplog").first()
    promise = Promise.objects.filter(municipality__slug="arjeplog", state="active").first()
    plan = ActionPlan.objects.filter(municipality__slug="arjeplog").first()
    commitment = Commitment.objects.filter(promise=promise).first()
    assessment = Assessment.objects.filter(municipality__slug="arjeplog").first()
    interview = assessment.interviews.first()
    report = SituationReport.objects.filter(municipality__slug="arjeplog").first()
    meeting = Meeting.objects.filter(municipality__slug="arjeplog").first() or Meeting.objects.first()
    organisation = Organisation.objects.get(memberships__user__username="arjeplog-samordnare")
    from samverka.core.models import Period

    period = Period.objects.filter(municipality__slug="arjeplog").first()
    return [
        "/",
        "/kommun/arjeplog/",
        "/sok/arjeplog/?q=langning",
        "/aktiviteter/kommun/arjeplog/",
        f"/aktiviteter/{activity.pk}/",
        f"/aktiviteter/{activity.pk}/andra/",
        f"/aktiviteter/{activity.pk}/tillfalle/",
        "/aktiviteter/kommun/arjeplog/ny/",
        "/aktiviteter/kommun/arjeplog/luckor/",
        "/aktiviteter/kommun/arjeplog/import/",
        f"/historik/activities/activity/{activity.pk}/",
        "/beredskap/kommun/arjeplog/",
        "/beredskap/kommun/arjeplog/ny/",
        f"/beredskap/{assessment.pk}/",
        f"/beredskap/{assessment.pk}/team/",
        f"/beredskap/intervju/{interview.pk}/",
        "/loften/arjeplog/",
        "/loften/arjeplog/process/",
        f"/loften/lofte/{promise.pk}/",
        f"/loften/lofte/{promise.pk}/andra/",
        f"/loften/atagande/{commitment.pk}/uppfoljning/",
        f"/loften/plan/{plan.pk}/",
        "/lagesbild/arjeplog/",
        "/lagesbild/arjeplog/import/",
        "/lagesbild/arjeplog/antal/",
        "/lagesbild/arjeplog/anteckning/ny/",
        f"/lagesbild/r/{report.pk}/",
        f"/moten/{meeting.owner.slug}/",
        f"/moten/m/{meeting.pk}/",
        "/moten/arjeplog/nytt/",
        "/rapporter/kommun/arjeplog/",
        "/rapporter/kommun/arjeplog/installningar/",
        "/rapporter/perioder/arjeplog/",
        f"/rapporter/period/{period.pk}/",
        "/rapporter/lan/norrbotten/",
        "/konto/notiser/",
        "/konto/utskick/",
        "/konto/api-nycklar/",
        f"/organisation/{organisation.slug}/medlemmar/",
    ]


def test_every_staff_page_type_passes_axe_as_the_coordinator(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    found = _violations(page, axe_clean, _coordinator_paths())
    assert not found, "\n\n".join(found)


def test_the_county_boards_and_the_polices_pages_pass_axe(page, demo, axe_clean):
    login(page, "lansstyrelsen")
    county = ["/", "/rapporter/lan/norrbotten/", "/beredskap/lan/norrbotten/", "/aktiviteter/kommun/pitea/"]
    found = _violations(page, axe_clean, county)
    page.get_by_role("button", name="Logga ut").click()
    login(page, "polis-pitealvdal")
    found += _violations(page, axe_clean, ["/", "/loften/arjeplog/", "/sok/pitea/?q=trygg"])
    assert not found, "\n\n".join(found)
