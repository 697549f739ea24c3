"""The casework panel of a partner's page: measured responsiveness and figures per year for
every role; the cases themselves only for roles that may read them (each read logged)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from liaison.cases.models import Case
from liaison.cases.selectors import case_list, partner_figures, responsiveness
from liaison.core.dates import today
from liaison.core.filtersets import parse_as_of
from liaison.core.permissions import VIEW, user_can
from liaison.core.services import access_record
from liaison.partners.models import Partner

register = template.Library()

CASES_SHOWN = 20


def _window(request: Any) -> tuple[datetime.date | None, datetime.date]:
    """The window asked for with `casework_from` and `casework_to` (YYYY-MM-DD); by default
    the 12 months up to today. A malformed date is set aside."""
    dates: list[datetime.date | None] = []
    for name in ("casework_from", "casework_to"):
        try:
            dates.append(parse_as_of(request.GET.get(name)))
        except ValueError:
            dates.append(None)
    start, end = dates
    end = end or today()
    if start is not None and start > end:
        start = None
    return start, end


@register.inclusion_tag("cases/includes/partner_casework.html", takes_context=True)
def casework_panel(context: Any, partner: Partner) -> dict[str, Any]:
    request = context["request"]
    start, end = _window(request)
    measured = responsiveness(start=start, end=end, partner_ids=[partner.pk])
    channels = sorted(
        (channel, figures)
        for (partner_id, channel), figures in measured.per_channel.items()
        if partner_id == partner.pk
    )
    may_read_cases = user_can(request.user, VIEW, Case)
    cases: list[Case] = []
    if may_read_cases:
        cases = list(case_list().filter(partners=partner, demo=False)[:CASES_SHOWN])
        access_record(user=request.user, objects=cases, request=request)
    return {
        "partner": partner,
        "measured": measured.per_partner.get(partner.pk),
        "measured_channels": channels,
        "window": measured,
        "years": partner_figures(partner=partner),
        "may_read_cases": may_read_cases,
        "cases": cases,
        "request": request,
    }
