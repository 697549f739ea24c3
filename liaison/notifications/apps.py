from __future__ import annotations

from typing import Any, ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import AccountSection


def _everyone(user: Any) -> bool:
    return True


def _mail_state(request: Any) -> dict[str, Any]:
    return {"notification_email": request.user.email}


class NotificationsConfig(AppConfig):
    name = "liaison.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    # Where the account page sends people to choose what they are told, and how often.
    account_sections: ClassVar[tuple[AccountSection, ...]] = (
        AccountSection(
            key="notifications",
            template="notifications/account_section.html",
            shown_to=_everyone,
            context=_mail_state,
        ),
    )
