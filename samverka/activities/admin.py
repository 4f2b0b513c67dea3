from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.activities.models import Activity, Factor, SubstanceArea, TargetGroup


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "collaboration", "arena", "status", "published", "last_reviewed"]
    list_filter = ["arena", "status", "published", "evidence_basis", "municipality"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["substance_areas", "target_groups", "organisations", "factors"]


@admin.register(Factor)
class FactorAdmin(SimpleHistoryAdmin):
    list_display = ["name_sv", "name_en", "kind", "code", "order"]
    list_filter = ["kind"]
    list_editable = ["order"]


@admin.register(SubstanceArea, TargetGroup)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "code", "order"]
    list_editable = ["order"]
