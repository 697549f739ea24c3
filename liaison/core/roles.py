"""Roles: named groups of permissions that an administrator gives to people.

What each role may do is this table, kept in step with the database by `roles_sync`
after every migration. Later apps add their models to `REGISTER_MODELS` or to a role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ADMINISTRATOR = "administrator"
COOPERATION_OFFICER = "cooperation_officer"
CASE_OFFICER = "case_officer"
DATA_PROTECTION_OFFICER = "data_protection_officer"
VIEWER = "viewer"
ROLES = (ADMINISTRATOR, COOPERATION_OFFICER, CASE_OFFICER, DATA_PROTECTION_OFFICER, VIEWER)

# The partner register: app_label.model_name.
REGISTER_MODELS = (
    "partners.partner",
    "partners.region",
    "instruments.instrument",
    "instruments.instrumentevent",
    "sources.source",
    "sources.citation",
)
ACCOUNT_MODELS = ("auth.user", "auth.group", "authtoken.token")

ALL_ACTIONS = ("view", "add", "change", "delete")

# role -> {model: actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    ADMINISTRATOR: {model: ALL_ACTIONS for model in (*REGISTER_MODELS, *ACCOUNT_MODELS)},
    COOPERATION_OFFICER: {model: ALL_ACTIONS for model in REGISTER_MODELS},
    CASE_OFFICER: {model: ("view",) for model in REGISTER_MODELS},
    DATA_PROTECTION_OFFICER: {model: ("view",) for model in REGISTER_MODELS},
    VIEWER: {model: ("view",) for model in REGISTER_MODELS},
}


def user_has_role(user: Any) -> bool:
    """Whether the user holds any role (a superuser holds them all)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name__in=ROLES).exists())


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS."""
    for role, models in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted: list[Permission] = []
        for label, actions in models.items():
            app_label, model_name = label.split(".")
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model_name}" for action in actions],
                )
            )
        group.permissions.set(wanted)
