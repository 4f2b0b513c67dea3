from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.indicators.models import Indicator, Place
from samverka.situation.models import ActivityCount, KeyEvent, PartnerNote, Problem, SituationReport


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name_sv", "source", "source_id", "unit", "direction", "is_count"]
    list_filter = ["source", "area"]
    search_fields = ["name_sv", "source_id"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]


admin.site.register([PartnerNote, ActivityCount, SituationReport, Problem], SimpleHistoryAdmin)
admin.site.register(KeyEvent)
