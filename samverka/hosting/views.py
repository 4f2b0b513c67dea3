from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samverka.hosting import health


@require_GET
@never_cache
def healthz(request):
    """Every dependency with its state: 503 when one that is configured fails, except the replica,
    whose failure makes the state "degraded" (pages read from the primary meanwhile)."""
    checks = health.report()
    failed = {name for name, result in checks.items() if result["status"] == health.ERROR}
    if failed - {"replica"}:
        status, code = "error", 503
    elif failed:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


@require_GET
@never_cache
def readyz(request):
    """For the load balancer: may this node take requests? Yes when its database and cache answer."""
    checks = health.report(health.ESSENTIAL)
    ready = all(result["status"] != health.ERROR for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503
    )
