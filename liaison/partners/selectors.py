"""Reads of the partner register, optimised once here for the UI and the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.models import Partner
from liaison.sources.models import Citation


def citations_prefetch(prefix: str = "") -> Any:
    """Citations with their sources, for any model that has `citations`."""
    return Prefetch(f"{prefix}citations", queryset=Citation.objects.select_related("source"))


def instruments_prefetch(*, on: datetime.date | None = None, with_history: bool = False) -> Any:
    instruments = Instrument.objects.with_status(on).select_related("eu_party", "partner")
    if with_history:
        instruments = instruments.prefetch_related(
            citations_prefetch(),
            Prefetch(
                "events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())
            ),
        )
    return Prefetch("instruments", queryset=instruments)


def partner_list(*, on: datetime.date | None = None) -> QuerySet[Partner]:
    """Partners with their regions and their instruments' status on `on` (default today)."""
    return Partner.objects.prefetch_related("regions", instruments_prefetch(on=on))


def partner_detail(*, on: datetime.date | None = None) -> QuerySet[Partner]:
    """Partners with everything their page and API detail show, in a fixed number of queries."""
    return Partner.objects.prefetch_related(
        "regions",
        citations_prefetch(),
        "members",
        "networks",
        instruments_prefetch(on=on, with_history=True),
    )
