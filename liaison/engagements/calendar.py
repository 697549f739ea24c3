"""An iCalendar (RFC 5545) feed of engagements, written by hand: dates only, lines folded
at 75 octets, text escaped."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings

from liaison.core.dates import EARLIEST_DATE, LATEST_DATE, date_is_within_bounds, today
from liaison.engagements.models import Engagement
from liaison.engagements.selectors import engagements_upcoming


def ics_escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (3.1), never
    splitting a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


logger = logging.getLogger(__name__)


def _day(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def engagements_ics(engagements: Iterable[Engagement]) -> str:
    """The calendar; each event's UID is the same whichever address it was fetched from, so
    a calendar app that subscribes twice, or from another host name, sees no duplicates."""
    domain = settings.CALENDAR_UID_DOMAIN
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Liaison//Engagements//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Liaison engagements",
    ]
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
        end = (engagement.end_date or engagement.start_date) + datetime.timedelta(days=1)
        stamp = engagement.last_updated.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        lines += [
            "BEGIN:VEVENT",
            f"UID:engagement-{engagement.pk}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(engagement.start_date)}",
            f"DTEND;VALUE=DATE:{_day(end)}",
            f"SUMMARY:{ics_escape(engagement.title)}",
            f"CATEGORIES:{ics_escape(engagement.get_kind_display())}",
        ]
        if engagement.recurs_yearly:
            lines.append("RRULE:FREQ=YEARLY")
        place = "online" if engagement.online and not engagement.place else engagement.place
        if place:
            lines.append(f"LOCATION:{ics_escape(place)}")
        if engagement.outcomes:
            lines.append(f"DESCRIPTION:{ics_escape(engagement.outcomes)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def upcoming_engagements_ics() -> str:
    """The calendar every door serves: the engagements upcoming from today, and yearly ones."""
    return engagements_ics(engagements_upcoming(on=today()))
