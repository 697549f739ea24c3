"""The one permission check of Liaison, used by the web UI mixin and the API base class."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

ACTIONS = ("view", "add", "change", "delete", "export", "approve")

# Held by every role that may see personal data (all but the viewer).
VIEW_PERSONAL_DATA = "core.view_personal_data"


def user_can(user: Any, action: str, model: type[Model]) -> bool:
    """May `user` do `action` (view, add, change, delete, export, approve) on objects of `model`?

    The answer comes from the user's roles (liaison.core.roles), which are groups of
    Django model permissions; a superuser may do everything. A model that declares
    `contains_personal_data = True` is, in addition, shown only to roles that may see
    personal data.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    opts = model._meta
    if holds_personal_data(model) and not user.has_perm(VIEW_PERSONAL_DATA):
        return False
    return bool(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"))


def holds_personal_data(model: type[Model]) -> bool:
    """Records of this model are personal data: shown to some roles only, every read logged."""
    return bool(getattr(model, "contains_personal_data", False))


def user_sees_personal_data(user: Any) -> bool:
    """May `user` see personal data at all (every role but the viewer)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.has_perm(VIEW_PERSONAL_DATA))
