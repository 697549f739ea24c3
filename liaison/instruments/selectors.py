"""Reads of instruments, optimised once here for the UI and the API."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from liaison.instruments.models import Instrument, InstrumentEvent, InstrumentQuerySet
from liaison.sources.selectors import citations_prefetch


def instrument_list(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their status on `on` (default today), partner and EU-side party."""
    return Instrument.objects.with_status(on).select_related("partner", "eu_party")


def instrument_detail(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their sources and dated events with theirs."""
    return instrument_list(on=on).prefetch_related(
        citations_prefetch(),
        Prefetch("events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())),
    )
