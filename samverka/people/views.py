from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core import permissions
from samverka.core import services as core_services
from samverka.core.models import Organisation, owner_fields
from samverka.core.permissions import Action
from samverka.people import services
from samverka.people.forms import InvitationAccountForm, InvitationForm
from samverka.people.models import Invitation
from samverka.people.vocabularies import OWN, SHARED, VOCABULARIES, listed
from samverka.people.vocabularies import uses as vocabulary_uses


def invitations_panel_context(request, organisation):
    """The invitation form and the invitations still waiting, on the organisation's members page."""
    if not core_services.can_manage_members(request.user, organisation):
        return None
    return {
        "organisation": organisation,
        "form": InvitationForm(roles=core_services.roles_grantable(request.user, organisation)),
        "waiting": organisation.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()),
    }


def _manageable(request, slug) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    if not core_services.can_manage_members(request.user, organisation):
        raise Http404
    return organisation


@login_required
@require_POST
def invite(request, slug):
    """A coordinator invites a person by e-mail (from the members page, where she returns)."""
    organisation = _manageable(request, slug)
    form = InvitationForm(request.POST, roles=core_services.roles_grantable(request.user, organisation))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("members", slug=slug)
    try:
        invitation = services.invitation_send(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("An invitation was sent to %(email)s. The link works once, for 14 days.")
            % {"email": invitation.email},
        )
    return redirect("members", slug=slug)


@login_required
@require_POST
def withdraw(request, slug, pk):
    organisation = _manageable(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    try:
        services.invitation_withdraw(actor=request.user, invitation=invitation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("members", slug=slug)


def accept(request, token):
    """The invitation link: creates the invitee's account, or links the account she is logged in to."""
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable as unusable:
        return render(
            request,
            "people/invitation_unusable.html",
            {"reason": unusable.reason, "invitation": unusable.invitation},
            status=404 if unusable.reason == "unknown" else 410,
        )
    account = None if request.user.is_authenticated else services.existing_account(invitation)
    form = None
    if not request.user.is_authenticated and account is None:
        form = InvitationAccountForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                membership = services.invitation_accept(token=token, user=request.user)
            elif form is not None and form.is_valid():
                membership = services.invitation_accept_new_account(token=token, account_form=form)
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                membership = None
        except services.InvitationUnusable:
            return redirect(request.path)
        except ValidationError as error:
            if form is None:
                for message in error.messages:
                    messages.error(request, message)
            else:
                form.add_error(None, error)
        else:
            if membership is not None:
                messages.success(
                    request,
                    _("Welcome! You are now a member of %(organisation)s.")
                    % {"organisation": invitation.organisation.name},
                )
                place = invitation.organisation.municipalities.order_by("name").first()
                return redirect(reverse("municipality", args=[place.slug]) if place else reverse("start"))
    return render(
        request,
        "people/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "account": account,
            "login_url": f"{reverse('login')}?next={request.path}",
        },
    )


# --- Vocabularies ------------------------------------------------------------------------------------


@login_required
def vocabularies(request):
    """The vocabularies this person manages: the shared ones (an administrator) and her places' own."""
    places = [
        m
        for m in permissions.municipalities_for(request.user, Action.PUBLISH)
        if not permissions.only_as_county_board(request.user, m)
    ]
    shared = SHARED if permissions.is_administrator(request.user) else []
    if not shared and not places:
        raise PermissionDenied
    return render(request, "people/vocabularies.html", {"shared": shared, "own": OWN, "places": places})


def _vocabulary(request, key, slug):
    vocabulary = VOCABULARIES.get(key)
    if vocabulary is None or vocabulary.shared != (slug is None):
        raise Http404
    place = None if slug is None else permissions.place_for(request.user, slug)
    if not services.may_manage_vocabulary(request.user, vocabulary, place):
        raise PermissionDenied
    return vocabulary, place


def _entries(vocabulary, place):
    entries = vocabulary.model._default_manager.all()
    return entries if place is None else entries.filter(**owner_fields(place))


def _form_class(vocabulary):
    widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
    return forms.modelform_factory(
        vocabulary.model,
        fields=vocabulary.fields,
        widgets={f: widgets[f] for f in vocabulary.fields if f in widgets},
    )


def _list_url(vocabulary, place):
    if place is None:
        return reverse("people:vocabulary", args=[vocabulary.key])
    return reverse("people:place_vocabulary", args=[place.slug, vocabulary.key])


@login_required
def vocabulary(request, key, slug=None):
    """A vocabulary's entries and a form to add one."""
    vocabulary, place = _vocabulary(request, key, slug)
    form = _form_class(vocabulary)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.vocabulary_entry_save(
            actor=request.user, vocabulary=vocabulary, place=place, form=form
        )
        messages.success(request, _("%(entry)s was added.") % {"entry": vocabulary.name_of(entry)})
        return redirect(_list_url(vocabulary, place))
    return render(
        request,
        "people/vocabulary.html",
        {
            "vocabulary": vocabulary,
            "place": place,
            "entries": listed(vocabulary, _entries(vocabulary, place)),
            "form": form,
            "list_url": _list_url(vocabulary, place),
        },
    )


@login_required
@require_POST
def vocabulary_move(request, key, pk, slug=None):
    """The arrows beside an entry of a shared vocabulary: one place up or down."""
    vocabulary, place = _vocabulary(request, key, slug)
    entry = _entry(vocabulary, place, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    else:
        try:
            if services.vocabulary_entry_move(
                actor=request.user, vocabulary=vocabulary, place=place, entry=entry, up=direction == "up"
            ):
                messages.success(request, _("The order was changed."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect(f"{_list_url(vocabulary, place)}#entry-{entry.pk}")


def _entry(vocabulary, place, pk):
    try:
        return _entries(vocabulary, place).get(pk=pk)
    except (vocabulary.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


@login_required
def vocabulary_entry(request, key, pk, slug=None):
    """Rename (or change) an entry, or remove it when nothing uses it."""
    vocabulary, place = _vocabulary(request, key, slug)
    entry = _entry(vocabulary, place, pk)
    form = _form_class(vocabulary)(
        request.POST if request.method == "POST" and "save" in request.POST else None, instance=entry
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                name = vocabulary.name_of(entry)
                services.vocabulary_entry_remove(
                    actor=request.user, vocabulary=vocabulary, place=place, entry=entry
                )
                messages.success(request, _("%(entry)s was removed.") % {"entry": name})
                return redirect(_list_url(vocabulary, place))
            if form.is_valid():
                services.vocabulary_entry_save(
                    actor=request.user, vocabulary=vocabulary, place=place, form=form
                )
                messages.success(request, _("The changes were saved."))
                return redirect(_list_url(vocabulary, place))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return render(
        request,
        "people/vocabulary_entry.html",
        {
            "vocabulary": vocabulary,
            "place": place,
            "entry": entry,
            "name": vocabulary.name_of(entry),
            "form": form,
            "uses": vocabulary_uses(entry),
            "list_url": _list_url(vocabulary, place),
        },
    )
