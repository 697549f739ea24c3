"""The one permission check of Liaison, used by every door: the web UI mixin, the API base
class, the admin, the command line and the `{% user_can %}` template tag
(liaison.core.templatetags.liaison_permissions).

A permission is an action on a model (`user_can(user, "add", Case)`): the actions are
ACTIONS, the model's own. The one permission that is not about a model,
seeing personal data at all, is VIEW_PERSONAL_DATA. Rules that depend on the record as
well as the role live beside their model and build on `user_can` (who may approve a
proposal: liaison.instruments.permissions).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

# What a role may do on a model; each is the Django permission "<app_label>.<action>_<model>".
VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
EXPORT = "export"  # a list as a file (access log, transfer assessments)
APPROVE = "approve"  # a change to a legal basis, as the second pair of eyes
REVIEW = "review"  # every transfer assessment, not only one's own
ACTIONS = (VIEW, ADD, CHANGE, DELETE, EXPORT, APPROVE, REVIEW)

# Held by every role that may see personal data (all but the viewer).
VIEW_PERSONAL_DATA = "core.view_personal_data"


def codename(permission: str) -> str:
    """The codename part of "app_label.codename", as a model's Meta.permissions declares it."""
    return permission.split(".", 1)[1]


def user_can(user: Any, action: str, model: type[Model]) -> bool:
    """May `user` do `action` (one of ACTIONS) on objects of `model`?

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
