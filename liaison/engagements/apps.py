from collections.abc import Callable
from typing import Any, ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import AccountSection, FirstRunLoad
from liaison.core.permissions import VIEW


def _no_engagements() -> bool:
    from liaison.engagements.models import Engagement

    return not Engagement.objects.exists()


def _may_subscribe(user: Any) -> bool:
    """Calendar addresses are for those who may read engagements."""
    from liaison.core.permissions import user_can
    from liaison.engagements.models import Engagement

    return user_can(user, VIEW, Engagement)


def _revoke_calendar_addresses(user: Any) -> None:
    from liaison.engagements.services import calendar_feed_keys_revoke

    calendar_feed_keys_revoke(user)


def _calendar_addresses(request: Any) -> dict[str, Any]:
    from liaison.engagements.models import CalendarFeedKey

    feed_keys = CalendarFeedKey.objects.filter(user=request.user, revoked__isnull=True)
    return {"feed_keys": list(feed_keys)}


class EngagementsConfig(AppConfig):
    name = "liaison.engagements"
    label = "engagements"
    verbose_name = _("Engagements and projects")
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(order=30, command="load_engagements", missing=_no_engagements),
    )
    # The calendar subscription on the account page (its views: account_views.py).
    account_sections: ClassVar[tuple[AccountSection, ...]] = (
        AccountSection(
            key="calendar-feeds",
            template="engagements/account_calendar_section.html",
            shown_to=_may_subscribe,
            context=_calendar_addresses,
        ),
    )
    # Logging out everywhere (with the keys) revokes the calendar addresses too.
    key_revokers: ClassVar[tuple[Callable[[Any], None], ...]] = (_revoke_calendar_addresses,)

    def ready(self) -> None:
        # The per-region engagement counts follow every write of the links.
        from liaison.engagements import signals  # noqa: F401
