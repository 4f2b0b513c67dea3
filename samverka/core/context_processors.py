from django.conf import settings


def navigation(request):
    """What the base layout needs on every page: nothing that costs a query."""
    return {"SAMVERKA_LANGUAGES": settings.LANGUAGES, "SITE_URL": settings.SITE_URL.rstrip("/")}
