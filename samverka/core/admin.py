from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.core.models import Collaboration, County, Membership, Municipality, Organisation


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "slug"]
    list_filter = ["county"]
    search_fields = ["name", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities", "represented"]
    inlines = [MembershipInline]


@admin.register(Collaboration)
class CollaborationAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities", "organisations"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "title"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
