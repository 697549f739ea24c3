"""Template filters for instruments: the labels of their statuses and event kinds."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from liaison.instruments.choices import EventKind, InstrumentStatus

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    """The translated label of an instrument status code."""
    if not value:
        return str(_("not begun"))
    try:
        return str(InstrumentStatus(value).label)
    except ValueError:
        return value


@register.filter
def event_kind_label(value: str | None) -> str:
    try:
        return str(EventKind(value or "").label)
    except ValueError:
        return value or ""
