from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.meetings.models import ActionItem, AnnualEvent, Decision, Meeting

admin.site.register([Meeting, Decision, ActionItem, AnnualEvent], SimpleHistoryAdmin)
