"""Prints, as JSON, the records the benchmark's pages show (run by bench/run.py with the bench database)."""

import json

import django


def extra_targets(place) -> dict:
    """Pages of apps that may or may not have landed in this version: (name, path, logged in)."""
    from django.apps import apps

    pages = []
    for label, finder in [("readiness", _readiness), ("promises", _promises), ("situation", _situation)]:
        config = apps.get_app_config(label)
        if any(True for _ in config.get_models()):
            pages += finder(place)
    return {"extra_pages": pages}


def _readiness(place):
    from samverka.readiness.models import Assessment

    done = Assessment.objects.filter(municipality=place, published=True).order_by("id").first()
    if done is None:
        return []
    return [
        ("readiness result (staff)", f"/beredskap/{done.pk}/", "staff"),
        ("readiness list (staff)", f"/beredskap/kommun/{place.slug}/", "staff"),
        ("readiness result (public)", f"/p/{place.slug}/beredskap/{done.pk}/", None),
        ("county overview (readiness)", f"/beredskap/lan/{place.county.slug}/", "county"),
    ]


def _promises(place):
    from samverka.promises.models import ActionPlan, Promise, PromiseState

    promise = Promise.objects.filter(municipality=place, state=PromiseState.ACTIVE).order_by("id").first()
    plan = ActionPlan.objects.filter(municipality=place, published=True).order_by("id").first()
    pages = [("promises overview (staff)", f"/loften/{place.slug}/", "staff")]
    if promise:
        pages += [
            ("promise page (staff)", f"/loften/lofte/{promise.pk}/", "staff"),
            ("promise page (public)", f"/p/{place.slug}/medborgarloften/{promise.pk}/", None),
        ]
    if plan:
        pages += [("plan page (staff)", f"/loften/plan/{plan.pk}/", "staff")]
    return pages


def _situation(place):
    from samverka.indicators.models import Indicator

    indicator = Indicator.objects.order_by("source_id").first()
    if indicator is None:
        return []
    return [
        ("lägesbild overview (staff)", f"/lagesbild/{place.slug}/", "staff"),
        ("lägesbild indicator (staff)", f"/lagesbild/{place.slug}/indikator/{indicator.pk}/", "staff"),
    ]


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
                "total_activities": sum(counts.values()),
                "municipalities": Municipality.objects.count(),
                **extra_targets(place),
            }
        )
    )


if __name__ == "__main__":
    main()
