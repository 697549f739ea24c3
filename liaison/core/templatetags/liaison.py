"""Template helpers for labels that the database gives as codes."""

from __future__ import annotations

from django import template

from liaison.instruments.choices import InstrumentStatus

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    """The translated label of an instrument status code."""
    if not value:
        return "—"
    try:
        return str(InstrumentStatus(value).label)
    except ValueError:
        return value
