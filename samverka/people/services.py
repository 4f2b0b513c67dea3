"""Writes of the people app: invitations. Each checks permission, validates and runs in one transaction;
the invitation e-mail goes through samverka.jobs.mail after the transaction commits."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core import permissions
from samverka.core import services as core_services
from samverka.core.models import Membership, Organisation, owner_fields
from samverka.core.ordering import moved, renumber
from samverka.core.permissions import Action
from samverka.jobs import mail
from samverka.people.models import Invitation
from samverka.people.vocabularies import new_code, uses


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("people:accept", args=[token])


@transaction.atomic
def invitation_send(
    *, actor, organisation: Organisation, email: str, role: str, title: str = ""
) -> Invitation:
    """Invite `email` to `organisation` with `role` and e-mail the link. Refused, with nothing written
    or sent: a role above the inviter's, an address already a member, an invitation already waiting."""
    if not core_services.can_manage_members(actor, organisation):
        raise PermissionDenied
    core_services.check_grantable(actor, organisation, role)
    email = email.strip()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    now = timezone.now()
    waiting = Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    )
    if waiting.exists():
        raise ValidationError(
            _("An invitation to %(email)s is already waiting. Withdraw it first to send a new one.")
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        title=title,
        token_hash=token_hash(token),
        invited_by=actor,
        created_at=now,
        expires_at=Invitation.expiry(now),
    )
    invitation.full_clean()
    invitation.save()
    context = {
        "invitation": invitation,
        "inviter": actor.get_full_name() or actor.get_username(),
        "url": invitation_url(token),
    }
    mail.send(
        key=f"people:invitation:{invitation.pk}",
        to=[email],
        subject=_("Invitation to %(organisation)s in Samverka") % {"organisation": organisation.name},
        body=render_to_string("people/invitation_email.txt", context),
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, actor, invitation: Invitation) -> None:
    if not core_services.can_manage_members(actor, invitation.organisation):
        raise PermissionDenied
    if invitation.accepted_at is not None:
        raise ValidationError(_("The invitation has already been accepted."))
    invitation.delete()


class InvitationUnusable(Exception):
    """The link cannot be used: `reason` is "unknown", "used" or "expired"."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason, self.invitation = reason, invitation


def usable_invitation(token: str, *, lock: bool = False) -> Invitation:
    """The invitation of a link, if it can still be used; InvitationUnusable otherwise."""
    invitations = Invitation.objects.select_related("organisation")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used", invitation)
    if invitation.is_expired(timezone.now()):
        raise InvitationUnusable("expired", invitation)
    return invitation


def existing_account(invitation: Invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Link an account that exists (its owner logged in) to the invitation's organisation."""
    invitation = usable_invitation(token, lock=True)
    if Membership.objects.filter(user=user, organisation=invitation.organisation).exists():
        raise ValidationError(
            _("You are already a member of %(organisation)s.")
            % {"organisation": invitation.organisation.name}
        )
    return _accept(invitation, user)


@transaction.atomic
def invitation_accept_new_account(*, token: str, account_form) -> Membership:
    """Create the invitee's account from `account_form` (a valid InvitationAccountForm) and link it."""
    invitation = usable_invitation(token, lock=True)
    if existing_account(invitation) is not None:
        raise ValidationError(_("An account with this e-mail address already exists. Log in to accept."))
    user = account_form.save(commit=False)
    user.email = invitation.email
    user.full_clean()
    user.save()
    return _accept(invitation, user)


def _accept(invitation: Invitation, user) -> Membership:
    membership = Membership(
        user=user, organisation=invitation.organisation, role=invitation.role, title=invitation.title
    )
    membership.full_clean()
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# --- Vocabularies ------------------------------------------------------------------------------------


def may_manage_vocabulary(user, vocabulary, place=None) -> bool:
    """Shared vocabularies: an administrator. A place's own: its coordinators (as staff of the place)."""
    if vocabulary.shared:
        return permissions.is_administrator(user)
    return (
        place is not None
        and permissions.can(user, Action.PUBLISH, place)
        and not permissions.only_as_county_board(user, place)
    )


@transaction.atomic
def vocabulary_entry_save(*, actor, vocabulary, place, form):
    """Add or rename an entry from a valid model form; a rename keeps the entry, so every record that
    refers to it shows the new name."""
    if not may_manage_vocabulary(actor, vocabulary, place):
        raise PermissionDenied
    entry = form.save(commit=False)
    if vocabulary.shared and not entry.code:
        entry.code = new_code(vocabulary.model, entry.name_sv)
        last = vocabulary.model._default_manager.aggregate(last=Max("order"))["last"]
        entry.order = (last or 0) + 10
    if not vocabulary.shared and entry._state.adding:
        for name, value in owner_fields(place).items():
            setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def vocabulary_entry_move(*, actor, vocabulary, place, entry, up: bool) -> bool:
    """Move an entry of an ordered vocabulary one place up or down (the arrows); False at the edge."""
    if not may_manage_vocabulary(actor, vocabulary, place):
        raise PermissionDenied
    if not vocabulary.ordered:
        raise ValidationError(_("This list is in date order: its entries cannot be moved."))
    order = moved(list(vocabulary.neighbours(entry).select_for_update()), entry, up)
    if order is None:
        return False
    renumber(order)
    return True


@transaction.atomic
def vocabulary_entry_remove(*, actor, vocabulary, place, entry) -> None:
    """Remove an entry no record uses; one in use is refused with where it is used."""
    if not may_manage_vocabulary(actor, vocabulary, place):
        raise PermissionDenied
    found = uses(entry)
    if found:
        raise ValidationError(
            [
                ngettext(
                    "%(entry)s was not removed: it is used by %(count)d %(what)s: %(names)s",
                    "%(entry)s was not removed: it is used by %(count)d %(what)s: %(names)s",
                    count,
                )
                % {
                    "entry": vocabulary.name_of(entry),
                    "count": count,
                    "what": what,
                    "names": ", ".join(names) + (" …" if count > len(names) else ""),
                }
                for count, what, names in found
            ]
        )
    entry.delete()
