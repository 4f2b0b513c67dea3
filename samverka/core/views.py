from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samverka.core import permissions, selectors
from samverka.core.models import Municipality
from samverka.core.permissions import Action
from samverka.core.sections import PUBLIC_SECTIONS, STAFF_SECTIONS, START_PANELS, links


def start(request):
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html", {"municipalities": Municipality.objects.none()})
    municipalities = list(permissions.municipalities_for(request.user))
    panels = []
    for panel in sorted(START_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return render(
        request,
        "core/start.html",
        {
            "municipalities": [
                {"municipality": m, "sections": links(STAFF_SECTIONS, m)} for m in municipalities
            ],
            "collaborations": permissions.collaborations_for(request.user).prefetch_related("municipalities"),
            "panels": panels,
        },
    )


@login_required
def municipality(request, slug):
    place = get_object_or_404(Municipality.objects.select_related("county"), slug=slug)
    if not permissions.can_view(request.user, place):
        raise Http404
    return render(
        request,
        "core/municipality.html",
        {
            "municipality": place,
            "organisations": selectors.organisations_in(place),
            "collaborations": place.collaborations.all(),
            "sections": links(STAFF_SECTIONS, place),
            "public_sections": links(PUBLIC_SECTIONS, place),
            "can_manage": permissions.can(request.user, Action.MANAGE_MEMBERS, place),
        },
    )


@login_required
def collaboration(request, slug):
    collab = get_object_or_404(selectors.collaboration_detail(slug))
    if not permissions.can_view(request.user, collab):
        raise Http404
    return render(request, "core/collaboration.html", {"collaboration": collab})


@login_required
def history(request, app_label, model_name, pk):
    """Who changed what and when, for any record with django-simple-history, shown to coordinators."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(model, "history"):
        raise Http404
    obj = permissions.get_for_user(request.user, model._default_manager.all(), Action.VIEW, pk=pk)
    permissions.require(request.user, Action.PUBLISH, obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date")[:200])
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = newer.diff_against(older).changes if older is not None else []
        rows.append({"record": newer, "changes": changes})
    return render(request, "core/history.html", {"object": obj, "rows": rows})


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
