from __future__ import annotations

from typing import Any

from django import template

from liaison.partners.models import Partner

register = template.Library()


@register.inclusion_tag("contacts/includes_channel_panel.html", takes_context=True)
def channel_panel(context: Any, partner: Partner) -> dict[str, Any]:
    """The channels to `partner`, for the partner's page (contact details by role, logged)."""
    from liaison.contacts.views import channels_context

    return {**channels_context(context["request"], partner), "request": context["request"]}
