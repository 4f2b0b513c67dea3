"""Endpoints of the other apps' records, registered here as each app lands (see docs/api.md)."""

ROUTES: list[tuple] = []
