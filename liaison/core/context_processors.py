"""What the page frame needs to know about the person looking at it. Permissions on models
are asked in the templates themselves (`{% user_can %}`, liaison_permissions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # The administration's own rule (LiaisonAdminSite.has_permission) decides the link.
    return {"nav_can_administer": admin.site.has_permission(request)}
