"""DRF permission classes that ask core.permissions: the API keeps no rules of its own.

A view says what its records need with `action_for_write` (default EDIT); reads of one record need
VIEW on its owner unless the view's queryset only holds published records (`public = True`).
"""

from rest_framework import permissions

from samverka.core import permissions as rules
from samverka.core.permissions import Action


class SamverkaPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return bool(getattr(view, "public", False) or request.user.is_authenticated)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return getattr(view, "public", False) or rules.can_view(request.user, obj)
        return rules.can(request.user, getattr(view, "action_for_write", Action.EDIT), obj)
