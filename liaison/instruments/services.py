"""Workflows on instruments."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.choices import DatePrecision
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.models import Partner
from liaison.sources.services import CitationInput, citations_add


@dataclass(frozen=True)
class EventInput:
    kind: str
    date: datetime.date | None
    citations: Sequence[CitationInput]
    date_precision: str = DatePrecision.DAY
    note: str = ""


@dataclass(frozen=True)
class InstrumentInput:
    key: str
    partner: Partner
    type: str
    title: str
    citations: Sequence[CitationInput]
    events: Sequence[EventInput] = field(default_factory=tuple)
    strategic: bool = False
    eu_party: Partner | None = None
    notes: str = ""


@transaction.atomic
def instrument_create(*, data: InstrumentInput) -> Instrument:
    """Create an instrument with its citations and dated events, all or nothing.

    Every instrument cites a source and has at least one dated event: its status is
    computed from them."""
    missing: dict[str, str] = {}
    if not data.citations:
        missing["citations"] = _("Cite at least one source for this instrument.")
    if not data.events:
        missing["events"] = _(
            "Give at least one dated event (e.g. identified, signed, in_force): "
            "the status is computed from them."
        )
    for event_data in data.events:
        if not event_data.citations:
            missing["events"] = _("Cite at least one source for each event.")
    if missing:
        raise ValidationError(missing)
    instrument = Instrument(
        key=data.key,
        partner=data.partner,
        type=data.type,
        title=data.title,
        strategic=data.strategic,
        eu_party=data.eu_party,
        notes=data.notes,
    )
    instrument.full_clean()
    instrument.save()
    citations_add(cited=instrument, citations=data.citations)
    for event_data in data.events:
        event = InstrumentEvent(
            instrument=instrument,
            kind=event_data.kind,
            date=event_data.date,
            date_precision=event_data.date_precision,
            note=event_data.note,
        )
        event.full_clean()
        event.save()
        citations_add(cited=event, citations=event_data.citations)
    return instrument
