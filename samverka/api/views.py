"""The JSON API under /api/v1/ and its documentation page. Views are thin: querysets come from the
selectors of each app, permissions from core.permissions (through api.permissions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import routers, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from samverka.api import filters, selectors, serializers, services
from samverka.api.docs import schema_for_docs
from samverka.api.forms import ApiTokenForm
from samverka.api.models import ApiToken
from samverka.core import permissions
from samverka.core.models import Collaboration, County, Municipality, Organisation


class ApiRoot(routers.APIRootView):
    """Samverka's API: the list endpoints. Documentation at /api/v1/docs/."""

    public = True


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Open to anyone: only published or public records are in the queryset."""

    public = True
    lookup_field = "slug"


class CountyViewSet(PublicReadViewSet):
    """Counties (län)."""

    queryset = County.objects.order_by("code")
    serializer_class = serializers.CountySerializer
    filterset_fields: list = []


class MunicipalityViewSet(PublicReadViewSet):
    """Municipalities (kommuner), with the county they belong to."""

    queryset = Municipality.objects.select_related("county").order_by("name")
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = filters.MunicipalityFilter


class OrganisationViewSet(PublicReadViewSet):
    """Organisations taking part in prevention work: municipal administrations, police areas, schools…"""

    queryset = (
        Organisation.objects.select_related("parent").prefetch_related("municipalities").order_by("name")
    )
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter


class CollaborationViewSet(PublicReadViewSet):
    """Collaborations of several municipalities and organisations (e.g. Pite älvdal)."""

    queryset = Collaboration.objects.prefetch_related("municipalities", "organisations").order_by("name")
    serializer_class = serializers.CollaborationSerializer
    filterset_class = filters.CollaborationFilter


@extend_schema(responses=serializers.MeSerializer, summary="Who am I, and where do I have a role?")
@api_view(["GET"])
def me(request):
    """The signed-in user (by session or token) and the places where they have a role."""
    if not request.user.is_authenticated:
        raise NotAuthenticated
    return Response(selectors.me(request.user, by_token=isinstance(request.auth, ApiToken)))


def docs(request):
    """A readable documentation page rendered on the server from the OpenAPI schema (no JavaScript)."""
    return render(request, "api/docs.html", {"schema": schema_for_docs()})


# --- The account page where a user manages their personal API tokens ---------------------------------


@login_required
@never_cache  # it shows each token's last use, which moves no page's version (hosting/pagecache.py)
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_token = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=request.user),
            "municipalities": permissions.municipalities_for(request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request, token_id):
    try:
        token = services.api_token_revoke(user=request.user, token_id=token_id)
    except (ApiToken.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    messages.success(
        request, _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name}
    )
    return redirect("api_tokens")
