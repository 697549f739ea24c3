"""Reads of instruments, optimised once here for the UI and the API."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Prefetch, QuerySet, When

from liaison.core.querysets import attach_rows
from liaison.instruments.choices import ProposalAction, ProposalStatus
from liaison.instruments.lifecycle import Step, current_next_kinds
from liaison.instruments.models import (
    ChangeProposal,
    Instrument,
    InstrumentEvent,
    InstrumentQuerySet,
    status_from_events,
    today,
)
from liaison.sources.choices import Confidence
from liaison.sources.selectors import citations_attach, citations_prefetch
from liaison.transfers.selectors import ProposedHistory, partner_instruments, transfer_outlook


def instrument_list(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their status on `on` (default today), partner and EU-side party."""
    return Instrument.objects.with_status(on).select_related("partner", "eu_party")


def instrument_detail(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their sources and dated events with theirs."""
    return instrument_list(on=on).prefetch_related(
        citations_prefetch(),
        Prefetch("events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())),
    )


def instrument_rows_attach(instruments: list[Instrument]) -> None:
    """Attaches to a page of instruments what the API list shows with them: their
    citations, their events and the events' citations, one query each, as plain lists
    (see `attach_rows`) instead of a related manager per instrument and event."""
    citations_attach(instruments)
    attach_rows(
        instruments, name="events", queryset=InstrumentEvent.objects.all(), owner="instrument"
    )
    citations_attach(
        [
            event
            for instrument in instruments
            for event in instrument.__dict__["_attached_rows"]["events"]
        ]
    )


def proposal_list() -> QuerySet[ChangeProposal]:
    """Proposals, pending first, with what their pages show."""
    return ChangeProposal.objects.select_related(
        "instrument__partner", "event", "source", "proposed_by", "decided_by"
    ).order_by(
        Case(When(status=ProposalStatus.PENDING, then=0), default=1),
        "-created",
        "-pk",
    )


@dataclass(frozen=True)
class ProposalEffect:
    """How a proposal would change the register on one date."""

    day: datetime.date
    status_before: str | None
    status_after: str | None
    transfer_before: str
    transfer_after: str

    @property
    def changes_status(self) -> bool:
        return self.status_before != self.status_after

    @property
    def changes_transfers(self) -> bool:
        return self.transfer_before != self.transfer_after


def _proposed_events(proposal: ChangeProposal, events: list[InstrumentEvent]) -> list[Any]:
    """The instrument's events as the proposal would leave them (the added one unsaved)."""
    if proposal.action == ProposalAction.ADD_EVENT:
        added = InstrumentEvent(
            instrument_id=proposal.instrument_id,
            kind=proposal.kind,
            date=proposal.date,
            date_precision=proposal.date_precision,
        )
        return [*events, added]
    changed = []
    for event in events:
        if event.pk == proposal.event_id:
            event = copy.copy(event)  # keeps its prefetched sources
            event.date = proposal.date
            event.date_precision = proposal.date_precision
        changed.append(event)
    return changed


def proposal_effects(proposal: ChangeProposal) -> list[ProposalEffect]:
    """The status of the instrument, and the transfer engine's answer for operational
    personal data to its partner with and without the proposal, on the dates it touches and
    today: the same facts and the same standard question as the channel panel."""
    partner = proposal.instrument.partner
    instruments = partner_instruments(partner=partner)
    events = list(
        InstrumentEvent.objects.filter(instrument_id=proposal.instrument_id).prefetch_related(
            citations_prefetch()
        )
    )
    proposed = _proposed_events(proposal, events)
    change = ProposedHistory(
        instrument_id=proposal.instrument_id,
        events=tuple(proposed),
        proposed_unverified=proposal.confidence != Confidence.CHECKED,
    )
    days = {today()}
    if proposal.date is not None:
        days.add(proposal.date)
    if proposal.event is not None and proposal.event.date is not None:
        days.add(proposal.event.date)
    return [
        ProposalEffect(
            day=day,
            status_before=status_from_events(events, day),
            status_after=status_from_events(proposed, day),
            transfer_before=transfer_outlook(
                partner=partner, on=day, instruments=instruments
            ).decision,
            transfer_after=transfer_outlook(
                partner=partner, on=day, instruments=instruments, change=change
            ).decision,
        )
        for day in sorted(days)
    ]


def instrument_next_kinds(*, instrument: Instrument) -> tuple[str, ...]:
    """The lifecycle steps possible after the instrument's last recorded event."""
    steps = [Step(event.kind, event.date, event.pk or 0) for event in instrument.events.all()]
    return current_next_kinds(instrument.type, steps)


# How long before an end date it is announced on the home page, and the steps it passes.
DEADLINE_NOTICE_MONTHS = (12, 6, 1)
ENDING_KINDS = ("expires", "ended")


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Deadline:
    event: InstrumentEvent
    notice_months: int  # the nearest of 12, 6 and 1 months it is within

    @property
    def instrument(self) -> Instrument:
        return self.event.instrument


def upcoming_deadlines(*, on: datetime.date | None = None) -> list[Deadline]:
    """Instruments whose recorded end (an `expires` or `ended` event dated after `on`) is at
    most 12 months away, soonest first, each with the notice step it has reached."""
    day = on or today()
    horizon = months_later(day, DEADLINE_NOTICE_MONTHS[0])
    events = (
        InstrumentEvent.objects.filter(kind__in=ENDING_KINDS, date__gt=day, date__lte=horizon)
        .select_related("instrument__partner")
        .order_by("date", "pk")
    )
    deadlines = []
    for event in events:
        assert event.date is not None
        reached = min(
            months for months in DEADLINE_NOTICE_MONTHS if event.date <= months_later(day, months)
        )
        deadlines.append(Deadline(event=event, notice_months=reached))
    return deadlines
