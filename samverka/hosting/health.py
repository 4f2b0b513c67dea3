"""One check per dependency, each answering {"status": "ok" | "error" | "off", ...} in a few seconds."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections

OK, ERROR, OFF = "ok", "error", "off"


def _timed(check):
    started = time.monotonic()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - a health check reports any failure instead of raising it
        result = {"status": ERROR, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"status": ERROR, "error": str(exc)[:300] or "unreachable"}
    return {"status": OK, "vendor": connections["default"].vendor}


def replica():
    from samverka.hosting.replica import REPLICA, mark_replica_down

    if REPLICA not in settings.DATABASES:
        return {"status": OFF}
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
            )
            in_recovery, lag = cursor.fetchone()
    except DatabaseError as exc:
        connection.close()
        mark_replica_down()
        return {"status": ERROR, "error": str(exc)[:300] or "unreachable", "reads_from": "primary"}
    return {
        "status": OK if in_recovery else ERROR,
        "in_recovery": bool(in_recovery),
        "lag_seconds": None if lag is None else round(float(lag), 1),
    }


def cache_check():
    if not settings.REDIS_URL:
        return {"status": OFF, "backend": "local memory"}
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    value = cache.get(key)
    cache.delete(key)
    return {"status": OK if value == "1" else ERROR, "backend": "redis"}


def broker():
    if not settings.CELERY_BROKER_URL:
        return {"status": OFF, "jobs": "run in the web process"}
    from samverka.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=3)
    return {"status": OK}


def storage():
    if not settings.S3_ENABLED:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
        return {"status": OK, "backend": "local disk"}
    from samverka.hosting.checks import s3_problem

    problem = s3_problem()
    return {"status": ERROR, "error": problem} if problem else {"status": OK, "backend": "s3"}


CHECKS = {
    "database": database,
    "replica": replica,
    "cache": cache_check,
    "broker": broker,
    "storage": storage,
}
# Without these a node cannot serve requests; a replica that is down is only reported (pages read from
# the primary meanwhile).
ESSENTIAL = ("database", "cache")


def report(names=None) -> dict:
    return {name: _timed(CHECKS[name]) for name in names or CHECKS}
