"""The Atom feed of changes to a municipality's published catalogue (Django's syndication framework).

One entry per published activity, newest change first; the entry id carries the version so a feed reader
sees each change as new.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from samverka.activities import selectors
from samverka.core.permissions import public_place


class ActivityFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return public_place(slug)

    def title(self, obj):
        return _("Activities in %(name)s") % {"name": obj.name}

    def subtitle(self, obj):
        return _("Changes to the prevention activities published by %(name)s and its partners.") % {
            "name": obj.name
        }

    def link(self, obj):
        return reverse("public:activities_public:list", args=[obj.slug])

    def feed_guid(self, obj):
        return f"urn:samverka:activities:{obj.slug}"

    def author_name(self, obj):
        return obj.name

    def items(self, obj):
        return (
            selectors.published_in(obj)
            .select_related("municipality")
            .prefetch_related("organisations")
            .order_by("-updated_at")[:100]
        )

    def item_title(self, item):
        return f"{item.title} ({item.get_status_display().lower()})"

    def item_description(self, item):
        parts = [item.summary or item.title, f"{_('Status')}: {item.get_status_display()}"]
        if item.status_reason:
            parts[-1] += f" – {item.status_reason}"
        return " · ".join(parts)

    def item_link(self, item):
        return reverse("public:activities_public:detail", args=[item.municipality.slug, item.pk])

    def item_guid(self, item):
        return f"urn:samverka:activity:{item.pk}:v{item.version}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return ", ".join(o.name for o in item.organisations.all()) or item.municipality.name
