"""An iCalendar (RFC 5545) feed of engagements: whole days only. The `icalendar` library
writes the format (escaping, line folding, line ends); this module chooses what goes in."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from liaison.core.dates import EARLIEST_DATE, LATEST_DATE, date_is_within_bounds, today
from liaison.engagements.models import Engagement
from liaison.engagements.selectors import engagements_upcoming

logger = logging.getLogger(__name__)


def engagements_ics(engagements: Iterable[Engagement]) -> str:
    """The calendar; each event's UID is the same whichever address it was fetched from, so
    a calendar app that subscribes twice, or from another host name, sees no duplicates."""
    domain = settings.CALENDAR_UID_DOMAIN
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Liaison//Engagements//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Liaison engagements")
    for engagement in engagements:
        if not (
            date_is_within_bounds(engagement.start_date)
            and date_is_within_bounds(engagement.end_date)
        ):
            # Stored before dates had bounds, or by a door that skipped them: one record
            # must not take the calendar down for everyone.
            logger.warning(
                "Engagement %s left out of the calendar: its dates (%s to %s) are outside "
                "%s..%s; correct them on its page.",
                engagement.key,
                engagement.start_date,
                engagement.end_date,
                EARLIEST_DATE,
                LATEST_DATE,
            )
            continue
        event = Event()
        event.add("uid", f"engagement-{engagement.pk}@{domain}")
        event.add("dtstamp", engagement.last_updated.astimezone(datetime.UTC))
        event.add("dtstart", engagement.start_date)
        # DTEND of a whole-day event is the day after the last one (exclusive).
        end = (engagement.end_date or engagement.start_date) + datetime.timedelta(days=1)
        event.add("dtend", end)
        event.add("summary", engagement.title)
        event.add("categories", [str(engagement.get_kind_display())])
        if engagement.recurs_yearly:
            event.add("rrule", {"freq": "yearly"})
        place = "online" if engagement.online and not engagement.place else engagement.place
        if place:
            event.add("location", place)
        if engagement.outcomes:
            event.add("description", engagement.outcomes)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def upcoming_engagements_ics() -> str:
    """The calendar every door serves: the engagements upcoming from today, and yearly ones."""
    return engagements_ics(engagements_upcoming(on=today()))
