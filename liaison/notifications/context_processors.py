"""The badge in the menu: how many notifications the person has not read."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from liaison.notifications.services import unread_count

    # Counted only when a page's menu shows it (an htmx fragment does not).
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
