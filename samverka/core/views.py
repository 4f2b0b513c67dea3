from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from samverka.core import permissions, selectors, services, throttle
from samverka.core.forms import MembershipAddForm, MembershipChangeForm, OrganisationForm
from samverka.core.history import history_rows, record_for_history
from samverka.core.models import Membership, Municipality, Organisation
from samverka.core.navigation import nav_for
from samverka.core.sections import (
    MEMBERS_PANELS,
    PUBLIC_SECTIONS,
    SEARCH_SOURCES,
    SHORTCUTS,
    STAFF_SECTIONS,
    START_PANELS,
    links,
    panels,
)


def start(request):
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html", {"municipalities": Municipality.objects.none()})
    return render(
        request,
        "core/start.html",
        {
            # the place navigation at the top leads to the work; the start page keeps what awaits
            "has_places": bool(nav_for(request).place),
            "shortcuts": _shortcuts(request),
            "collaborations": list(permissions.collaborations_for(request.user)),
            "panels": panels(START_PANELS, request),
        },
    )


def _shortcuts(request) -> list[dict]:
    """The common tasks of the current place the user may do, straight to their forms."""
    nav = nav_for(request)
    if nav.place is None:
        return []
    place = Municipality.objects.get(slug=nav.place.slug)
    items = sorted(SHORTCUTS.values(), key=lambda s: (s.order, s.key))
    return [
        {"title": s.title, "url": reverse(s.url_name, args=[place.slug])}
        for s in items
        if permissions.can(request.user, s.action, place)
    ]


@login_required
def municipality(request, slug):
    place = permissions.place_for(request.user, slug)
    organisations = list(selectors.organisations_with_members(place))
    return render(
        request,
        "core/municipality.html",
        {
            "municipality": place,
            "organisations": organisations,
            "manageable": {o.pk for o in organisations if services.can_manage_members(request.user, o)},
            "may_add_organisation": services.may_add_organisation(request.user, place),
            "collaborations": place.collaborations.all(),
            "sections": links(STAFF_SECTIONS, place),
            "public_sections": links(PUBLIC_SECTIONS, place),
        },
    )


SEARCH_LIMIT = 20  # hits per kind of record


@login_required
def search(request, slug):
    """The place search: activities, promises, commitments, meetings and problems of one place, each
    app finding only what the user may view (core/sections.py `search_source`)."""
    place = permissions.place_for(request.user, slug)
    query = request.GET.get("q", "").strip()[:100]
    groups, message = [], ""
    if query and len(query) < 2:
        message = _("Write at least two letters to search.")
    elif query:
        for source in sorted(SEARCH_SOURCES.values(), key=lambda s: (s.order, s.key)):
            hits = source.find(request.user, place, query, SEARCH_LIMIT)
            if hits:
                groups.append({"title": source.title, "hits": hits})
    return render(
        request,
        "core/search.html",
        {
            "municipality": place,
            "search_query": query,
            "groups": groups,
            "message": message,
            "hit_count": sum(len(g["hits"]) for g in groups),
        },
    )


@login_required
def collaboration(request, slug):
    collab = permissions.get_for_user(request.user, selectors.collaboration_detail(), slug=slug)
    return render(request, "core/collaboration.html", {"collaboration": collab})


@login_required
def history(request, app_label, model_name, pk):
    """Who changed what and when, for the models that have a history page (core/history.py)."""
    obj = record_for_history(request.user, app_label, model_name, pk)
    return render(request, "core/history.html", {"object": obj, "rows": history_rows(obj)})


@login_required
def members(request, slug):
    """A coordinator adds, changes and removes the members of an organisation."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    if not services.can_manage_members(request.user, organisation):
        raise Http404
    add_form = MembershipAddForm(request.POST if request.method == "POST" and "add" in request.POST else None)
    add_form.fields["role"].choices = services.roles_grantable(request.user, organisation)
    if request.method == "POST":
        if "remove" in request.POST and "confirm" not in request.POST:
            return _membership_end_confirmation(request, organisation)
        try:
            if _members_post(request, organisation, add_form):
                return redirect("members", slug=slug)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    memberships = organisation.memberships.select_related("user").order_by(
        "user__first_name", "user__username"
    )
    return render(
        request,
        "core/members.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "add_form": add_form,
            "roles": services.roles_grantable(request.user, organisation),
            "panels": panels(MEMBERS_PANELS, request, organisation),
            "places": organisation.municipalities.all(),
        },
    )


def _membership_end_confirmation(request, organisation):
    """Ending a membership asks first: the person loses access to the places at once."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=request.POST.get("membership"),
        organisation=organisation,
    )
    return render(
        request, "core/membership_end.html", {"organisation": organisation, "membership": membership}
    )


def _members_post(request, organisation, add_form) -> bool:
    """Add, change or remove a membership as the POST asks; True when something was saved."""
    if "add" in request.POST and add_form.is_valid():
        membership = services.membership_add(
            actor=request.user, organisation=organisation, **add_form.cleaned_data
        )
        messages.success(request, _("%(user)s was added.") % {"user": membership.user.get_username()})
        return True
    if "change" not in request.POST and "remove" not in request.POST:
        return False
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=request.POST.get("membership"),
        organisation=organisation,
    )
    if "remove" in request.POST:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(
            request,
            _("The membership of %(user)s in %(organisation)s has ended.")
            % {
                "user": membership.user.get_full_name() or membership.user.get_username(),
                "organisation": organisation.name,
            },
        )
        return True
    form = MembershipChangeForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a valid role."))
    services.membership_change(actor=request.user, membership=membership, **form.cleaned_data)
    messages.success(request, _("The membership was saved."))
    return True


@login_required
def organisation_new(request, slug):
    """A coordinator adds a partner organisation that starts to work in her municipality."""
    place = permissions.place_for(request.user, slug)
    if not services.may_add_organisation(request.user, place):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, place=place)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_add(actor=request.user, place=place, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is now working in %(place)s. Invite its people on its members page.")
                % {"organisation": organisation.name, "place": place.name},
            )
            return redirect("members", slug=organisation.slug)
    return render(request, "core/organisation_new.html", {"municipality": place, "form": form})


def accessibility(request):
    return render(request, "core/accessibility.html", {"contact": settings.ACCESSIBILITY_CONTACT})


def page_not_found(request, exception):
    """404: a Swedish page for people, JSON for API clients (whose addresses may not even resolve)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


# --- Accounts: Django's password reset with the limits of core/throttle.py --------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per address and per e-mail address: each request sends an e-mail.
    Every request counts, whether or not the address belongs to an account (the answer must not tell)."""

    def post(self, request, *args, **kwargs):
        limits = [
            (throttle.PASSWORD_RESETS_PER_ADDRESS, throttle.address(request)),
            (throttle.PASSWORD_RESETS_PER_ACCOUNT, request.POST.get("email", "")),
        ]
        for limit, value in limits:
            if throttle.reached(limit, value):
                return throttle.too_many(request, limit.minutes)
        for limit, value in limits:
            throttle.count(limit, value)
        return super().post(request, *args, **kwargs)
