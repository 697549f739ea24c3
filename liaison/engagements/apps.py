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


def _calendar_addresses(request: Any) -> dict[str, Any]:
    from liaison.core.models import CalendarFeedKey

    feed_keys = CalendarFeedKey.objects.filter(user=request.user, revoked__isnull=True)
    return {"feed_keys": list(feed_keys)}


class EngagementsConfig(AppConfig):
    name = "liaison.engagements"
    label = "engagements"
    verbose_name = _("Engagements and projects")
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(order=30, command="load_engagements", missing=_no_engagements),
    )
    # The calendar subscription on the account page (its views are the account's).
    account_sections: ClassVar[tuple[AccountSection, ...]] = (
        AccountSection(
            key="calendar-feeds",
            template="engagements/account_calendar_section.html",
            shown_to=_may_subscribe,
            context=_calendar_addresses,
        ),
    )
