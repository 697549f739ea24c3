"""The instrument list as a spreadsheet: one row an instrument, its status on the list's
date and its dated events."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import Column, as_of, joined, label, table_export
from liaison.instruments.choices import EventKind, InstrumentStatus, InstrumentType
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.selectors import instrument_list

_kind = label(EventKind.choices)


def _instruments(user: Any, data: QueryDict) -> Any:
    return instrument_list(on=as_of(data))


def _attach_events(batch: list[Instrument], data: QueryDict) -> None:
    # One query a batch (a prefetch on a server-side cursor is not possible).
    events: dict[int, list[InstrumentEvent]] = {instrument.pk: [] for instrument in batch}
    for event in InstrumentEvent.objects.filter(instrument__in=list(events)).order_by("date", "pk"):
        events[event.instrument_id].append(event)
    for instrument in batch:
        instrument.__dict__["_exported_events"] = events[instrument.pk]


def _events(instrument: Instrument) -> str:
    return joined(
        f"{event.date.isoformat() if event.date else '?'} {_kind(event.kind)}"
        for event in instrument.__dict__.get("_exported_events", [])
    )


INSTRUMENT_EXPORT = table_export(
    key="instruments",
    title=_("Instruments"),
    model=Instrument,
    filterset_class=InstrumentFilterSet,
    queryset=_instruments,
    ordering=("partner__name", "title", "pk"),
    prepare_batch=_attach_events,
    columns=[
        Column(_("Key"), lambda i: i.key),
        Column(_("Title"), lambda i: i.title),
        Column(_("Partner"), lambda i: i.partner.code),
        Column(_("Type"), lambda i: label(InstrumentType.choices)(i.type)),
        Column(_("Strategic"), lambda i: i.strategic),
        Column(_("EU-side party"), lambda i: i.eu_party.code if i.eu_party else ""),
        Column(
            _("Status on the date asked"),
            lambda i: label(InstrumentStatus.choices)(i.status) or _("not begun"),
        ),
        Column(_("Status since"), lambda i: i.status_since),
        Column(_("Events"), _events),
    ],
)
