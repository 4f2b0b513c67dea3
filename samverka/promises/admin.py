from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.promises.models import ActionPlan, Commitment, FollowUp, Promise, Reminder, Verdict


@admin.register(Promise)
class PromiseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "collaboration", "start", "end", "state"]
    list_filter = ["state"]
    readonly_fields = ["state", "revision"]  # states change only through sign-off (services)


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner_organisation", "start", "end", "state", "published"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["text", "promise", "plan"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["date", "commitment", "amount", "reported_for", "is_demo"]


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["commitment", "value", "proposed", "confirmed_by"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["commitment", "due", "sent_at"]
