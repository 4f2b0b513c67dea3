"""Reads from the streaming replica where they may be a moment old; everything else on the primary.

The middleware decides once per request (`reading_from_replica`): a GET or HEAD under one of
REPLICA_READ_PATHS (public pages, reports, the API), from a browser that has not written anything in the
last REPLICA_PIN_SECONDS (the cookie `samverka_wrote`, set after any write, so the writer reads their own
writes on whichever node answers), while the replica answers. The router then sends reads there; the
first write of a request switches the rest of that request to the primary. A replica that is down is
tried again after RETRY_SECONDS; meanwhile the primary answers and /healthz says so.
"""

import contextvars
import logging
import time

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
RETRY_SECONDS = 5
PIN_COOKIE = "samverka_wrote"

log = logging.getLogger(__name__)
_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("samverka_use_replica", default=False)
_down_until = 0.0


def read_from_replica(value: bool) -> None:
    _use_replica.set(value)


def reading_from_replica() -> bool:
    return _use_replica.get()


def replica_available() -> bool:
    """Whether the replica answers now: an open connection is checked, a closed one opened."""
    global _down_until
    if REPLICA not in connections.settings:
        return False
    if time.monotonic() < _down_until:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        if not connection.is_usable():
            raise DatabaseError("the replica's connection is not usable")
    except DatabaseError as exc:
        log.warning("Read replica unavailable, reading from the primary: %s", exc)
        _down_until = time.monotonic() + RETRY_SECONDS
        connection.close()
        return False
    return True


def mark_replica_down() -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_SECONDS


class ReplicaRouter:
    """Installed only when DATABASE_REPLICA_URL is set (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Read your own writes: from the first write on, this request reads from the primary.
        _use_replica.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
