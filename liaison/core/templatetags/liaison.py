"""Template helpers for labels that the database gives as codes."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from liaison.instruments.choices import InstrumentStatus

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
