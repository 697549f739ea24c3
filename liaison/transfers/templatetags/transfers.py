"""Labels for the codes an assessment's answer stores."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from liaison.core.dates import partial_date_text
from liaison.instruments.choices import InstrumentType
from liaison.instruments.models import stand_in_marked
from liaison.transfers.choices import Route

register = template.Library()


@register.filter
def route_label(value: str | None) -> str:
    """The translated label of a legal route code."""
    if value not in Route.values:
        return value or ""
    return str(Route(value).label)


@register.filter
def instrument_type_label(value: str | None) -> str:
    """The translated label of an instrument type code."""
    if value not in InstrumentType.values:
        return value or ""
    return str(InstrumentType(value).label)


@register.filter
def status_since_text(record: dict[str, Any]) -> str:
    """When the status of a recorded instrument began, to the precision known."""
    since = record.get("status_since")
    if not since:
        return ""
    day = datetime.date.fromisoformat(since)
    text = partial_date_text(day, record.get("status_since_precision") or "day")
    return stand_in_marked(text, bool(record.get("status_date_is_stand_in")))
