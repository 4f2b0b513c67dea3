from django.contrib import admin

from samverka.public.models import NewsItem, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """An administrator removes an address on request (its deliveries go with it)."""

    list_display = ["email", "municipality", "collaboration", "news", "promise_updates", "confirmed_at"]
    search_fields = ["email"]
    list_filter = ["news", "promise_updates"]
    readonly_fields = ["email", "created_at", "confirmed_at"]
    exclude = ["confirm_token", "unsubscribe_token"]

    def has_add_permission(self, request):
        return False  # only residents subscribe, through the double opt-in


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "collaboration", "state", "published_at"]
    list_filter = ["state"]
    search_fields = ["title"]
