"""Every page type of Samverka, each with one address in the demo data and the demo login that looks at it
(None: an anonymous visitor). Used by the narrow-screen walk (test_page_types_narrow.py) and by the
screenshot review (scripts/screenshots.py), so both see the same pages.

Called with the demo data loaded (`samverka demo`); a page type whose record is missing from the demo is
an error, not a silent skip.
"""

COORDINATOR = "arjeplog-samordnare"
COUNTY = "lansstyrelsen"
POLICE = "polis-pitealvdal"
SCORER = "arjeplog-bedomare1"


def page_types() -> list[tuple[str | None, str, str]]:
    """(login, name, path) for every page type, grouped by login so a walk logs in once per person."""
    from samverka.activities.models import Activity
    from samverka.core.models import Organisation, Period
    from samverka.indicators.models import Indicator
    from samverka.meetings.models import Meeting
    from samverka.promises.models import ActionPlan, Commitment, Promise
    from samverka.public.models import NewsItem
    from samverka.readiness.models import Assessment, Interview
    from samverka.reports.models import YearlyFollowUp
    from samverka.situation.models import SituationReport

    arjeplog = {"municipality__slug": "arjeplog"}
    activity = Activity.objects.filter(**arjeplog, status="active").first() or Activity.objects.get(
        pk=Activity.objects.filter(**arjeplog).values("pk")[:1]
    )
    promise = Promise.objects.filter(**arjeplog, state="active").first()
    plan = ActionPlan.objects.filter(**arjeplog).first()
    commitment = Commitment.objects.filter(promise=promise).first()
    assessment = Assessment.objects.filter(**arjeplog).order_by("-pk").first()
    interview = Interview.objects.filter(assessment__municipality__slug="arjeplog").first()
    report = SituationReport.objects.filter(**arjeplog).first()
    indicator = Indicator.objects.filter(observations__place__municipality__slug="arjeplog").first()
    meeting = Meeting.objects.filter(**arjeplog).first() or Meeting.objects.first()
    organisation = Organisation.objects.get(memberships__user__username=COORDINATOR)
    period = Period.objects.filter(**arjeplog).first()
    follow_up = YearlyFollowUp.objects.filter(**arjeplog).order_by("-year").first()
    news = NewsItem.objects.filter(**arjeplog).first()
    public_promise = Promise.objects.filter(**arjeplog, state="active").first()
    public_assessment = Assessment.objects.filter(**arjeplog, published=True).first()
    public_report = SituationReport.objects.filter(**arjeplog, status="adopted").first()
    public_activity = Activity.objects.filter(**arjeplog, published=True).first()
    for name, record in {
        "activity": activity,
        "promise": promise,
        "plan": plan,
        "commitment": commitment,
        "assessment": assessment,
        "interview": interview,
        "report": report,
        "indicator": indicator,
        "meeting": meeting,
        "period": period,
        "yearly follow-up": follow_up,
        "news item": news,
        "published assessment": public_assessment,
        "adopted lägesbild": public_report,
        "published activity": public_activity,
    }.items():
        assert record is not None, f"the demo data has no {name} to show"

    staff = [
        ("start", "/"),
        ("place", "/kommun/arjeplog/"),
        ("collaboration", "/samverkan/pite-alvdal/"),
        ("search", "/sok/arjeplog/?q=langning"),
        ("activities-list", "/aktiviteter/kommun/arjeplog/"),
        ("activity", f"/aktiviteter/{activity.pk}/"),
        ("activity-edit", f"/aktiviteter/{activity.pk}/andra/"),
        ("activity-occasion", f"/aktiviteter/{activity.pk}/tillfalle/"),
        ("activity-new", "/aktiviteter/kommun/arjeplog/ny/"),
        ("activity-gaps", "/aktiviteter/kommun/arjeplog/luckor/"),
        ("activity-import", "/aktiviteter/kommun/arjeplog/import/"),
        ("activity-history", f"/historik/activities/activity/{activity.pk}/"),
        ("readiness-list", "/beredskap/kommun/arjeplog/"),
        ("readiness-new", "/beredskap/kommun/arjeplog/ny/"),
        ("readiness-assessment", f"/beredskap/{assessment.pk}/"),
        ("readiness-edit", f"/beredskap/{assessment.pk}/andra/"),
        ("readiness-team", f"/beredskap/{assessment.pk}/team/"),
        ("readiness-guide", f"/beredskap/{assessment.pk}/intervjuguide/"),
        ("readiness-interview-new", f"/beredskap/{assessment.pk}/intervjuer/ny/"),
        ("readiness-import", f"/beredskap/{assessment.pk}/import/"),
        ("readiness-over-time", f"/beredskap/{assessment.pk}/over-tid/"),
        ("readiness-interview", f"/beredskap/intervju/{interview.pk}/"),
        ("readiness-consensus", f"/beredskap/intervju/{interview.pk}/konsensus/"),
        ("promises", "/loften/arjeplog/"),
        ("promises-process", "/loften/arjeplog/process/"),
        ("promise-new", "/loften/arjeplog/nytt/"),
        ("plan-new", "/loften/arjeplog/ny-plan/"),
        ("promise", f"/loften/lofte/{promise.pk}/"),
        ("promise-edit", f"/loften/lofte/{promise.pk}/andra/"),
        ("commitment-new", f"/loften/lofte/{promise.pk}/atagande/nytt/"),
        ("commitment-edit", f"/loften/atagande/{commitment.pk}/andra/"),
        ("follow-up-new", f"/loften/atagande/{commitment.pk}/uppfoljning/"),
        ("verdict", f"/loften/atagande/{commitment.pk}/bedomning/"),
        ("plan", f"/loften/plan/{plan.pk}/"),
        ("plan-edit", f"/loften/plan/{plan.pk}/andra/"),
        ("promise-history", f"/historik/promises/promise/{promise.pk}/"),
        ("situation", "/lagesbild/arjeplog/"),
        ("situation-indicator", f"/lagesbild/arjeplog/indikator/{indicator.pk}/"),
        ("situation-import", "/lagesbild/arjeplog/import/"),
        ("situation-counts", "/lagesbild/arjeplog/antal/"),
        ("situation-note-new", "/lagesbild/arjeplog/anteckning/ny/"),
        ("situation-report-new", "/lagesbild/arjeplog/ny/"),
        ("situation-report", f"/lagesbild/r/{report.pk}/"),
        ("situation-report-edit", f"/lagesbild/r/{report.pk}/redigera/"),
        ("situation-problem-new", f"/lagesbild/r/{report.pk}/problem/ny/"),
        ("meetings", f"/moten/{meeting.owner.slug}/"),
        ("meeting", f"/moten/m/{meeting.pk}/"),
        ("meeting-edit", f"/moten/m/{meeting.pk}/redigera/"),
        ("meeting-new", "/moten/arjeplog/nytt/"),
        ("annual-event-new", "/moten/arjeplog/arshjul/ny/"),
        ("reports", "/rapporter/"),
        ("reports-place", "/rapporter/kommun/arjeplog/"),
        ("reports-settings", "/rapporter/kommun/arjeplog/installningar/"),
        ("reports-document-new", "/rapporter/kommun/arjeplog/dokument/ny/"),
        ("periods", "/rapporter/perioder/arjeplog/"),
        ("period", f"/rapporter/period/{period.pk}/"),
        ("yearly-follow-up", f"/rapporter/period/{follow_up.period_id}/uppfoljning/{follow_up.year}/"),
        ("news-staff", "/nyheter/arjeplog/"),
        ("news-staff-new", "/nyheter/arjeplog/ny/"),
        ("news-staff-item", f"/nyheter/arjeplog/{news.pk}/"),
        ("members", f"/organisation/{organisation.slug}/medlemmar/"),
        ("organisation-new", "/kommun/arjeplog/organisationer/ny/"),
        ("vocabularies", "/ordlistor/"),
        ("vocabulary-place", "/kommun/arjeplog/ordlistor/viktiga-handelser/"),
        ("inbox", "/konto/notiser/"),
        ("mail-preferences", "/konto/utskick/"),
        ("api-tokens", "/konto/api-nycklar/"),
        ("password-change", "/konto/losenord/byt/"),
        ("accessibility", "/tillganglighet/"),
    ]
    public = [
        ("login", "/konto/logga-in/"),
        ("password-reset", "/konto/losenord/glomt/"),
        ("public-index", "/p/"),
        ("public-place", "/p/arjeplog/"),
        ("public-collaboration", "/p/pite-alvdal/"),
        ("public-activities", "/p/arjeplog/aktiviteter/"),
        ("public-activity", f"/p/arjeplog/aktiviteter/{public_activity.pk}/"),
        ("public-promises", "/p/arjeplog/medborgarloften/"),
        ("public-promise", f"/p/arjeplog/medborgarloften/{public_promise.pk}/"),
        ("public-plan", f"/p/arjeplog/medborgarloften/plan/{plan.pk}/"),
        ("public-readiness", "/p/arjeplog/beredskap/"),
        ("public-readiness-result", f"/p/arjeplog/beredskap/{public_assessment.pk}/"),
        ("public-situation", "/p/arjeplog/lagesbild/"),
        ("public-situation-report", f"/p/arjeplog/lagesbild/{public_report.pk}/"),
        ("public-yearly-follow-up", f"/p/arjeplog/uppfoljning/{follow_up.year}/"),
        ("public-news", "/p/arjeplog/nyheter/"),
        ("public-news-item", f"/p/arjeplog/nyheter/{news.slug}/"),
        ("public-subscribe", "/p/arjeplog/prenumerera/"),
        ("public-open-data", "/p/oppna-data/"),
        ("public-open-data-place", "/p/arjeplog/oppna-data/"),
    ]
    county = [
        ("county-start", "/"),
        ("county-reports", "/rapporter/lan/norrbotten/"),
        ("county-readiness", "/beredskap/lan/norrbotten/"),
        ("county-activities", "/aktiviteter/kommun/pitea/"),
    ]
    police = [("police-start", "/"), ("police-promises", "/loften/pitea/")]
    scorer = [("scorer-start", "/"), ("readiness-score", f"/beredskap/intervju/{interview.pk}/bedom/")]
    return (
        [(None, name, path) for name, path in public]
        + [(COORDINATOR, name, path) for name, path in staff]
        + [(COUNTY, name, path) for name, path in county]
        + [(POLICE, name, path) for name, path in police]
        + [(SCORER, name, path) for name, path in scorer]
    )
