"""Invitations: how a person joins an organisation without anyone opening /admin/."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Organisation, Role

INVITATION_DAYS = 14


class Invitation(models.Model):
    """A coordinator's invitation of an e-mail address to an organisation with a role.

    The link holds a random token; only its SHA-256 is stored. It works once (accepted_at) and for
    INVITATION_DAYS days (expires_at)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.READER)
    title = models.CharField(_("title"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @staticmethod
    def expiry(now: datetime.datetime) -> datetime.datetime:
        return now + datetime.timedelta(days=INVITATION_DAYS)

    def is_expired(self, now: datetime.datetime) -> bool:
        return now >= self.expires_at

    @property
    def owner(self):
        return self.organisation
