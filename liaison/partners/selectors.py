"""Reads of the partner register, optimised once here for the UI and the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from liaison.core.querysets import attach_rows
from liaison.instruments.choices import EVENT_RANK
from liaison.instruments.selectors import instrument_detail, instrument_list
from liaison.partners.models import Partner, Region
from liaison.sources.selectors import citations_prefetch


def instruments_prefetch(*, on: datetime.date | None = None, with_history: bool = False) -> Any:
    """A partner's instruments with their status on `on`; with their events if asked."""
    instruments = instrument_detail(on=on) if with_history else instrument_list(on=on)
    return Prefetch("instruments", queryset=instruments)


def partner_rows_attach(partners: list[Partner], *, on: datetime.date | None = None) -> None:
    """Attaches to a page of partners what the API list shows of their regions and
    instruments (status on `on`), one query each, as plain lists (see `attach_rows`)."""
    attach_rows(partners, name="regions", queryset=Region.objects.all(), owner="partners")
    instruments = instrument_list(on=on).select_related(None).select_related("eu_party")
    attach_rows(partners, name="instruments", queryset=instruments, owner="partner")


def partner_detail(*, on: datetime.date | None = None) -> QuerySet[Partner]:
    """Partners with everything their page and API detail show, in a fixed number of queries."""
    return Partner.objects.prefetch_related(
        "regions",
        citations_prefetch(),
        "members",
        "networks",
        instruments_prefetch(on=on, with_history=True),
    )


def partner_timeline(*, partner: Partner) -> list[Any]:
    """Every event of the partner's instruments, newest first (undated last), each knowing
    its instrument; read from what `partner_detail` prefetched, without more queries."""
    events = [
        event for instrument in partner.instruments.all() for event in instrument.events.all()
    ]
    for instrument in partner.instruments.all():
        for event in instrument.events.all():
            event.instrument = instrument
    return sorted(
        events,
        key=lambda event: (
            event.date is not None,
            event.date or datetime.date.min,
            EVENT_RANK[event.kind],
            event.pk,
        ),
        reverse=True,
    )


def partner_from_query(query: Any) -> Partner | None:
    """The partner a link came from (`?partner=NG`, any case), for a form to pre-select;
    None when the address names none or an unknown one."""
    code = str(query.get("partner", "") or "").strip().upper()[:40]
    if not code or "\x00" in code:
        return None
    return Partner.objects.filter(code=code).first()
