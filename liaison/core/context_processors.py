"""What the page frame needs to know about the person looking at it."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.http import HttpRequest

from liaison.core.models import AccessLogEntry
from liaison.core.permissions import user_can
from liaison.core.roles import ADMINISTRATOR


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_administer": user.is_active
        and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()),
        "nav_can_read_access_log": user_can(user, "view", AccessLogEntry),
        "nav_can_read_change_log": user_can(user, "view", LogEntry),
    }
