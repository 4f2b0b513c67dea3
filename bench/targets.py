"""Prints, as JSON, the records the benchmark's pages show (run by bench/run.py with the bench database)."""

import json

import django


def extra_targets(place) -> dict:
    """Pages of apps that may or may not have landed in this version: (name, path, logged in)."""
    from django.apps import apps

    pages = []
    finders = [
        ("readiness", _readiness),
        ("promises", _promises),
        ("situation", _situation),
        ("meetings", _meetings),
        ("reports", _reports),
        ("notices", _notices),
        ("public", _news),
        ("api", _api_lists),
    ]
    for label, finder in finders:
        if not apps.is_installed(f"samverka.{label}"):
            continue
        config = apps.get_app_config(label)
        if any(True for _ in config.get_models()):
            pages += finder(place)
    return {"extra_pages": pages}


def _readiness(place):
    from samverka.readiness.models import Assessment

    pages = [
        ("readiness list (staff)", f"/beredskap/kommun/{place.slug}/", "staff"),
        ("readiness list (public)", f"/p/{place.slug}/beredskap/", None),
        ("county overview (readiness)", f"/beredskap/lan/{place.county.slug}/", "county"),
    ]
    # a published result when the place has one, else a completed one (staff only)
    mine = Assessment.objects.filter(municipality=place, completed=True).order_by("-published", "id")
    done = mine.first()
    if done is not None:
        pages.insert(0, ("readiness result (staff)", f"/beredskap/{done.pk}/", "staff"))
        if done.published:
            pages.insert(2, ("readiness result (public)", f"/p/{place.slug}/beredskap/{done.pk}/", None))
    return pages


def _promises(place):
    from samverka.promises.models import ActionPlan, Promise, PromiseState

    promise = Promise.objects.filter(municipality=place, state=PromiseState.ACTIVE).order_by("id").first()
    plan = ActionPlan.objects.filter(municipality=place, published=True).order_by("id").first()
    pages = [
        ("promises overview (staff)", f"/loften/{place.slug}/", "staff"),
        ("promises list (public)", f"/p/{place.slug}/medborgarloften/", None),
    ]
    if promise:
        pages += [
            ("promise page (staff)", f"/loften/lofte/{promise.pk}/", "staff"),
            ("promise page (public)", f"/p/{place.slug}/medborgarloften/{promise.pk}/", None),
        ]
    if plan:
        pages += [
            ("plan page (staff)", f"/loften/plan/{plan.pk}/", "staff"),
            ("plan page (public)", f"/p/{place.slug}/medborgarloften/plan/{plan.pk}/", None),
        ]
    return pages


def _situation(place):
    from samverka.indicators.models import Indicator

    indicator = Indicator.objects.order_by("source_id").first()
    if indicator is None:
        return []
    from samverka.situation.models import SituationReport

    pages = [
        ("lägesbild overview (staff)", f"/lagesbild/{place.slug}/", "staff"),
        ("lägesbild indicator (staff)", f"/lagesbild/{place.slug}/indikator/{indicator.pk}/", "staff"),
        # the latest adopted lägesbild; `samverka generate` makes none, so the page says there is none yet
        ("lägesbild (public)", f"/p/{place.slug}/lagesbild/", None),
    ]
    report = SituationReport.objects.filter(municipality=place).order_by("id").first()
    if report is not None:
        pages += [("lägesbild document (staff)", f"/lagesbild/r/{report.pk}/", "staff")]
    return pages


def _meetings(place):
    from samverka.meetings.models import Meeting

    pages = [("meetings and annual wheel (staff)", f"/moten/{place.slug}/", "staff")]
    meeting = Meeting.objects.filter(municipality=place).order_by("id").first()  # none in generated data
    if meeting is not None:
        pages += [("meeting page (staff)", f"/moten/m/{meeting.pk}/", "staff")]
    return pages


def _reports(place):
    from samverka.core.models import Period

    pages = [
        ("county report (reports)", f"/rapporter/lan/{place.county.slug}/", "county"),
        ("Länsrapporten (staff)", f"/rapporter/kommun/{place.slug}/", "staff"),
        ("work periods (staff)", f"/rapporter/perioder/{place.slug}/", "staff"),
    ]
    period = Period.objects.filter(municipality=place).order_by("-first_year").first()  # none generated
    if period is not None:
        pages += [
            ("work period (staff)", f"/rapporter/period/{period.pk}/", "staff"),
            (
                "yearly follow-up (staff)",
                f"/rapporter/period/{period.pk}/uppfoljning/{period.first_year}/",
                "staff",
            ),
        ]
    return pages


def _notices(place):
    return [("notifications (konto)", "/konto/notiser/", "staff")]


def _news(place):
    return [
        ("news (staff)", f"/nyheter/{place.slug}/", "staff"),
        ("news (public)", f"/p/{place.slug}/nyheter/", None),
    ]


# The API's lists as a client reads them: filtered by one municipality (docs/api.md), first page of 50.
API_LISTS = ["activities", "promises", "follow-ups", "readiness", "observations"]


def _api_lists(place):
    pages = []
    for name in [*API_LISTS, "indicators"]:
        query = "" if name == "indicators" else f"?municipality={place.slug}"
        path = f"/api/v1/{name}/{query}"
        pages += [(f"API {name} (token)", path, "token"), (f"API {name} (anonymous)", path, None)]
    return pages


def api_token(username: str) -> str:
    """A new personal API token of the coordinator whose pages are measured (the raw key, shown once)."""
    from django.contrib.auth import get_user_model

    from samverka.api.services import api_token_create

    user = get_user_model().objects.get(username=username)
    return api_token_create(user=user, name="bench")[1]


def main():
    django.setup()
    from django.db.models import Count

    from samverka.activities.models import Activity
    from samverka.core.models import Municipality

    # A typical municipality: the one whose number of activities is closest to the mean.
    counts = dict(
        Activity.objects.filter(municipality__isnull=False)
        .values("municipality")
        .annotate(n=Count("id"))
        .values_list("municipality", "n")
    )
    mean = sum(counts.values()) / max(len(counts), 1)
    place_id = min(counts, key=lambda pk: (abs(counts[pk] - mean), pk))
    place = Municipality.objects.select_related("county").get(pk=place_id)
    activity = Activity.objects.filter(municipality=place, published=True).order_by("id").first()
    sample = (
        Activity.objects.filter(published=True).order_by("?").values_list("id", "municipality__slug")[:200]
    )
    coordinators = Municipality.objects.order_by("?").values_list("slug", flat=True)[:16]
    print(
        json.dumps(
            {
                "slug": place.slug,
                "county": place.county.slug,
                "activities_in_place": counts[place_id],
                "activity": str(activity.pk),
                "sample": [(str(pk), slug) for pk, slug in sample],
                "coordinators": [f"{slug}-samordnare" for slug in coordinators],
                "user": f"{place.slug}-samordnare",
                "county_user": f"lansstyrelsen-{place.county.slug}",
                "token": api_token(f"{place.slug}-samordnare"),
                "total_activities": sum(counts.values()),
                "municipalities": Municipality.objects.count(),
                **extra_targets(place),
            }
        )
    )


if __name__ == "__main__":
    main()
