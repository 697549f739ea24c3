"""API side of the permission check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from rest_framework.permissions import BasePermission

from liaison.core.permissions import ADD, CHANGE, DELETE, VIEW, user_can
from liaison.core.roles import user_has_role

METHOD_ACTIONS = {
    "GET": VIEW,
    "HEAD": VIEW,
    "OPTIONS": VIEW,
    "POST": ADD,
    "PUT": CHANGE,
    "PATCH": CHANGE,
    "DELETE": DELETE,
}


@dataclass(frozen=True)
class ActionPermission:
    """What an extra action of a view set needs, instead of its method's default on the view
    set's model: e.g. POST to an instrument's `events/` records an event (ADD on
    InstrumentEvent), not a new instrument. `methods` limits it to some methods (an action
    that lists with GET and records with POST); `message` is the 403's explanation."""

    action: str
    model: type[Model]
    message: str
    methods: tuple[str, ...] = ()

    def applies_to(self, method: str) -> bool:
        return not self.methods or method in self.methods


class LiaisonPermission(BasePermission):
    """Applies `user_can` to the model of the view's queryset for the request's method, or
    what the view's `action_permissions` declare for the extra action requested."""

    message = "You do not have permission to do this: ask an administrator for the right role."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        queryset = getattr(view, "queryset", None)
        if queryset is None:
            return user_has_role(request.user)
        declared = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if declared is not None and declared.applies_to(request.method):
            self.message = declared.message
            return user_can(request.user, declared.action, declared.model)
        action = METHOD_ACTIONS.get(request.method)
        if action is None:
            return False
        return user_can(request.user, action, queryset.model)


class HasRole(BasePermission):
    """Any role at all: for pages about the API itself (schema, docs)."""

    message = "Your account has no role yet: ask an administrator to give you one."

    def has_permission(self, request: Any, view: Any) -> bool:
        return user_has_role(request.user)
