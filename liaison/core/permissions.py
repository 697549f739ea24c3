"""The one permission check of Liaison, used by the web UI mixin and the API base class."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

ACTIONS = ("view", "add", "change", "delete")


def user_can(user: Any, action: str, model: type[Model]) -> bool:
    """May `user` do `action` (view, add, change, delete) on objects of `model`?

    The answer comes from the user's roles (liaison.core.roles), which are groups of
    Django model permissions; a superuser may do everything.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    opts = model._meta
    return bool(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"))
