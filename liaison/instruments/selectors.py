"""Reads of instruments, optimised once here for the UI and the API."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Prefetch, QuerySet, When

from liaison.instruments.choices import ProposalAction, ProposalStatus
from liaison.instruments.lifecycle import Step, current_next_kinds
from liaison.instruments.models import (
    ChangeProposal,
    Instrument,
    InstrumentEvent,
    InstrumentQuerySet,
    status_and_since_from_events,
    status_from_events,
    today,
)
from liaison.sources.selectors import citations_prefetch
from liaison.transfers.rules import InstrumentFact, PartnerFacts, TransferRequest, assess


def instrument_list(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their status on `on` (default today), partner and EU-side party."""
    return Instrument.objects.with_status(on).select_related("partner", "eu_party")


def instrument_detail(*, on: datetime.date | None = None) -> InstrumentQuerySet:
    """Instruments with their sources and dated events with theirs."""
    return instrument_list(on=on).prefetch_related(
        citations_prefetch(),
        Prefetch("events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())),
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
    if proposal.action == ProposalAction.ADD_EVENT:
        added = InstrumentEvent(
            instrument_id=proposal.instrument_id,
            kind=proposal.kind,
            date=proposal.date,
            date_precision=proposal.date_precision,
        )
        return [*events, added]
    return [
        InstrumentEvent(
            pk=event.pk,
            instrument_id=event.instrument_id,
            kind=event.kind,
            date=proposal.date,
            date_precision=proposal.date_precision,
        )
        if proposal.event_id == event.pk
        else event
        for event in events
    ]


def _operational_transfer(
    partner: Any, instruments: list[tuple[Instrument, list[Any]]], day: datetime.date
) -> str:
    """The transfer engine's answer for operational personal data to the partner on `day`,
    with a necessity stated and data of the agency's own (no Member State to authorise)."""
    facts = []
    for instrument, events in instruments:
        status, since = status_and_since_from_events(events, day)
        if status is None:
            continue
        facts.append(
            InstrumentFact(
                id=instrument.pk,
                type=instrument.type,
                title=instrument.title,
                status=status,
                status_since=since,
                strategic=instrument.strategic,
            )
        )
    decision = assess(
        PartnerFacts(
            code=partner.code,
            name=partner.name,
            kind=partner.kind,
            competent_in_criminal_matters=partner.competent_in_criminal_matters,
            instruments=tuple(facts),
        ),
        TransferRequest(data_category="operational_personal_data", as_of=day, necessity="stated"),
    )
    return decision.decision


def proposal_effects(proposal: ChangeProposal) -> list[ProposalEffect]:
    """The status of the instrument, and the transfer engine's answer for operational
    personal data to its partner, with and without the proposal: on the dates it touches
    and today."""
    partner = proposal.instrument.partner
    instruments = list(partner.instruments.prefetch_related("events"))
    changed = next(item for item in instruments if item.pk == proposal.instrument_id)
    events = list(changed.events.all())
    proposed = _proposed_events(proposal, events)
    days = {today()}
    if proposal.date is not None:
        days.add(proposal.date)
    if proposal.event is not None and proposal.event.date is not None:
        days.add(proposal.event.date)
    effects = []
    for day in sorted(days):
        before = [(item, list(item.events.all())) for item in instruments]
        after = [(item, proposed if item is changed else found) for item, found in before]
        effects.append(
            ProposalEffect(
                day=day,
                status_before=status_from_events(events, day),
                status_after=status_from_events(proposed, day),
                transfer_before=_operational_transfer(partner, before, day),
                transfer_after=_operational_transfer(partner, after, day),
            )
        )
    return effects


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
