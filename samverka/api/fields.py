"""Serializer fields of the API's request bodies whose refusals the OpenAPI schema can state exactly.

A body names other records by slug or code. A well-formed name of a record that does not exist (or that
the user may not see) is answered like an unknown record in the URL: 404 naming the field, which the
schema declares for every operation. A malformed value is still a 400.
"""

import re

from rest_framework import serializers
from rest_framework.exceptions import NotFound


class Reference(serializers.SlugRelatedField):
    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(data, str) or "does_not_exist" not in _codes(exc):
                raise
            name = self.field_name or getattr(self.parent, "field_name", "")  # many=True: the parent's name
            raise NotFound(f"{name}: {data!r} not found.") from exc


def _codes(exc) -> set:
    detail = exc.detail if isinstance(exc.detail, list) else [exc.detail]
    return {getattr(d, "code", None) for d in detail}


# A web address as Django's URLValidator accepts it, written so that the schema's `pattern` says exactly
# that: http(s), a host name of labels and a top-level domain of letters, then any path. (Django accepts
# more — IP addresses, ports, user names — which a link to evidence never needs.)
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
WEB_ADDRESS = rf"^https?://{LABEL}(?:\.{LABEL})*\.[A-Za-z]{{2,63}}(?:[/?#][^\s]*)?$"


class WebAddress(serializers.RegexField):
    def __init__(self, **kwargs):
        super().__init__(re.compile(WEB_ADDRESS), **kwargs)
