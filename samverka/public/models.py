"""What the public pages keep of their own: news items and residents' e-mail subscriptions.

A news item is a draft until an editor publishes it; only a published item reaches a page, the feed, the
embeddable list or an e-mail. A subscription keeps only the address, the choices and the consent time;
it receives nothing but its confirmation mail until the link in that mail is used.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.files import RandomName
from samverka.core.models import Scoped


class NewsState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NewsSource(models.TextChoices):
    """The record a news item was started from (its text was pre-filled from it)."""

    FOLLOW_UP = "follow_up", _("Follow-up")
    VERDICT = "verdict", _("Verdict")
    ACTIVITY = "activity", _("Activity change")
    SITUATION = "situation", _("Adopted lägesbild")


class NewsItem(Scoped):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, editable=False)
    summary = models.CharField(
        _("introduction"), max_length=300, blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    image = models.FileField(_("image"), upload_to=RandomName("public/news"), blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    state = models.CharField(_("state"), max_length=16, choices=NewsState.choices, default=NewsState.DRAFT)
    source_kind = models.CharField(max_length=16, choices=NewsSource.choices, blank=True, editable=False)
    source_id = models.UUIDField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-published_at", "-created_at"]
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(fields=["municipality", "slug"], name="news_slug_per_municipality"),
            models.UniqueConstraint(fields=["collaboration", "slug"], name="news_slug_per_collaboration"),
        ]
        indexes = [models.Index(fields=["state", "published_at"])]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == NewsState.PUBLISHED


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(Scoped):
    """A resident's e-mail subscription to one place's news and/or promise updates."""

    email = models.EmailField(_("e-mail address"))
    news = models.BooleanField(_("news"), default=True)
    promise_updates = models.BooleanField(_("promise updates"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The consent: when the address's owner used the confirmation link. Until then nothing but the
    # confirmation mail is sent.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_token = models.CharField(max_length=64, unique=True, null=True, blank=True, default=new_token)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta(Scoped.Meta):
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(
                fields=["municipality", "email"], name="one_subscription_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["collaboration", "email"], name="one_subscription_per_collaboration"
            ),
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return self.email
