"""Dates: the range Liaison accepts, and dates that may be known only to the month or year."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.choices import DatePrecision

# Every date a person or a file gives Liaison lies in this range: wide enough for any
# instrument, engagement or assessment of the register (the oldest conventions date from
# the 1950s), narrow enough that a typing slip (9999, 0202) is caught and that every date
# computed from a stored one (the day after, the end of its year) still exists.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def today() -> datetime.date:
    """The agency's date now: the calendar day at its seat (settings.TIME_ZONE), whatever time
    zone a request may have activated. Every "today" of Liaison (statuses, due dates, default
    dates of forms, what is upcoming) is this one day, so that two pages never disagree around
    midnight."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def date_within_bounds(value: datetime.date | None) -> None:
    """Validator of every date field: refuses a date outside EARLIEST_DATE..LATEST_DATE."""
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            code="date_out_of_range",
        )


def date_is_within_bounds(value: datetime.date | None) -> bool:
    return value is None or EARLIEST_DATE <= value <= LATEST_DATE


def partial_date_text(value: datetime.date | None, precision: str) -> str:
    """The date written to the precision that is known: 2018-10-05, 2006-11 or 2008."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def last_day_of_precision(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the month or year a partial date (stored as its first day) stands for."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        next_month = value.replace(day=28) + datetime.timedelta(days=4)
        return next_month - datetime.timedelta(days=next_month.day)
    return value


def truncate_to_precision(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the month or year a partial date stands for."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def local_time_text(value: datetime.datetime | str | None, *, seconds: bool = False) -> str:
    """A moment as people at the agency read it: local time with its zone ("2026-12-07
    11:15 CET"), never bare UTC beside local times. Takes a datetime or the ISO text a
    change history stores ("2026-12-07 10:15:03.2+00:00"); other text comes back as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            return value
        if moment.tzinfo is None or len(value.strip()) <= 10:
            return value
    else:
        moment = value
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")
