"""What the endpoints of every app share: public + internal reading under one rule, writes through the
app's services, Django's errors turned into the API's."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework import exceptions, status
from rest_framework.exceptions import APIException

from samverka.core import permissions
from samverka.core.concurrency import EditConflict


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record was changed by someone else since you read it; read it again and retry."
    default_code = "conflict"


def visible_q(user, published_field="published", prefix=""):
    """Published records for everyone, plus internal ones of the places where the user may view."""
    q = Q(**{f"{prefix}{published_field}": True})
    if user.is_authenticated:
        q |= permissions.places_q(user, permissions.Action.VIEW, prefix=prefix)
    return q


def call_service(fn, **kwargs):
    """Run a service function and translate Django's exceptions into DRF's (400 / 403 / 409)."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        raise exceptions.ValidationError(detail) from exc
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied from exc
    except EditConflict as exc:
        raise Conflict(
            {"detail": Conflict.default_detail, "changed": [c.field for c in exc.changes]}
        ) from exc
