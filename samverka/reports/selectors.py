from django.db.models import QuerySet

from samverka.core import permissions
from samverka.core.models import County


def counties_for(user) -> QuerySet[County]:
    """The counties where the user may view at least one municipality."""
    ids = permissions.municipalities_for(user).values_list("county_id", flat=True)
    return County.objects.filter(pk__in=ids).order_by("code")
