"""API side of the permission check."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from liaison.core.permissions import user_can
from liaison.core.roles import user_has_role

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class LiaisonPermission(BasePermission):
    """Applies `user_can` to the model of the view's queryset for the request's method."""

    message = "You do not have permission to do this: ask an administrator for the right role."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        queryset = getattr(view, "queryset", None)
        if queryset is None:
            return user_has_role(request.user)
        action = METHOD_ACTIONS.get(request.method)
        if action is None:
            return False
        return user_can(request.user, action, queryset.model)


class HasRole(BasePermission):
    """Any role at all: for pages about the API itself (schema, docs)."""

    message = "Your account has no role yet: ask an administrator to give you one."

    def has_permission(self, request: Any, view: Any) -> bool:
        return user_has_role(request.user)
