from samverka.core import permissions
from samverka.core.models import owner_fields
from samverka.meetings.models import ActionItem, AnnualEvent, Meeting


def meetings_of(owner):
    return Meeting.objects.filter(**owner_fields(owner)).select_related("organiser")


def annual_events_of(owner):
    return AnnualEvent.objects.filter(**owner_fields(owner))


def public_annual_events_of(owner):
    """Only the events marked public: internal ones (council meetings, reports due) never leave."""
    return annual_events_of(owner).filter(is_public=True)


def open_items_for(user, limit: int = 20):
    """Action items owned by the user's organisations that are not done, soonest due first."""
    organisations = list(permissions.access_for(user).organisation_roles)
    return list(
        ActionItem.objects.filter(owner_organisation__in=organisations)
        .exclude(status=ActionItem.Status.DONE)
        .select_related("meeting", "owner_organisation")
        .order_by("due_date", "text")[:limit]
    )


def search(user, place, query: str, limit: int):
    """The place search's meetings: title containing the words, of a place the user views."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from samverka.core.sections import SearchHit

    found = (
        Meeting.objects.filter(permissions.places_q(user), municipality=place)
        .filter(title__icontains=query)
        .order_by("-starts_at")[:limit]
    )
    return [
        SearchHit(m.title, m.get_absolute_url(), date_format(timezone.localtime(m.starts_at), "j F Y"))
        for m in found
    ]
