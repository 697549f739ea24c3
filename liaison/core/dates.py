"""Dates that may be known only to the month or the year."""

from __future__ import annotations

import datetime

from liaison.core.choices import DatePrecision


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
