from django.conf import settings


def navigation(request):
    """What the base layout needs on every page: nothing that costs a query until a page shows the place
    navigation (`nav`, built once per request by core/navigation.py)."""
    from samverka.core.navigation import nav_for

    return {
        "SAMVERKA_LANGUAGES": settings.LANGUAGES,
        "SITE_URL": settings.SITE_URL.rstrip("/"),
        "nav": lambda: nav_for(request),
    }
