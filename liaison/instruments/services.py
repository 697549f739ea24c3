"""Workflows on instruments."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.choices import DatePrecision
from liaison.core.history import history_actor
from liaison.core.permissions import ADD, user_can
from liaison.instruments.choices import EVENT_RANK, EventKind, ProposalAction, ProposalStatus
from liaison.instruments.lifecycle import Step, carries_personal_data, history_problem, ordered
from liaison.instruments.models import (
    ChangeProposal,
    Instrument,
    InstrumentEvent,
    status_from_events,
    today,
)
from liaison.instruments.permissions import may_approve, may_reject
from liaison.notifications.services import proposal_decided_notify, proposal_waiting_notify
from liaison.partners.models import Partner
from liaison.sources.choices import Confidence
from liaison.sources.models import Citation, Source
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
    adequacy_act: str = ""
    adequacy_scope: str = ""
    edps_authorisation_reference: str = ""
    edps_authorised_on: datetime.date | None = None


@transaction.atomic
def instrument_create(*, data: InstrumentInput, user: Any) -> Instrument:
    """Create an instrument with its citations and dated events, all or nothing.

    Every instrument cites a source and has at least one dated event (its status is
    computed from them), and the whole history must fit the lifecycle table. For a type
    that can carry personal data nobody makes a legal basis alone: the instrument is
    created without events and each event given becomes a pending `ChangeProposal`, in
    lifecycle order, that a second person approves (`instrument.proposals`)."""
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
    four_eyes = carries_personal_data(data.type)
    if four_eyes and any(len(event_data.citations) > 1 for event_data in data.events):
        missing["events"] = _(
            "An instrument that can carry personal data takes one source per event when it "
            "is created: each event is a proposal, and a proposal cites one document."
        )
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
        adequacy_act=data.adequacy_act,
        adequacy_scope=data.adequacy_scope,
        edps_authorisation_reference=data.edps_authorisation_reference,
        edps_authorised_on=data.edps_authorised_on,
    )
    instrument.full_clean()
    events = [
        InstrumentEvent(
            instrument=instrument,
            kind=event_data.kind,
            date=event_data.date,
            date_precision=event_data.date_precision,
            note=event_data.note,
        )
        for event_data in data.events
    ]
    for event in events:
        event.full_clean(exclude=["instrument"])
    steps = [Step(event.kind, event.date, order) for order, event in enumerate(events)]
    problem = history_problem(data.type, steps)
    if problem:
        raise ValidationError({"events": problem})
    instrument.save()
    citations_add(cited=instrument, citations=data.citations)
    in_order = [(events[step.order], data.events[step.order]) for step in ordered(steps)]
    if four_eyes:
        with history_actor(user):
            _propose_history(instrument, in_order, user)
        return instrument
    for event, event_data in in_order:
        event.save()
        citations_add(cited=event, citations=event_data.citations)
    return instrument


def _propose_history(
    instrument: Instrument, events: Sequence[tuple[InstrumentEvent, EventInput]], user: Any
) -> None:
    """One pending proposal per event, in lifecycle order; each shows the history as it
    would stand once the ones before it are approved too."""
    if not user_can(user, ADD, InstrumentEvent):
        raise PermissionDenied(_("Your role may not record lifecycle events."))
    proposed: list[InstrumentEvent] = []
    for event, event_data in events:
        citation = event_data.citations[0]
        proposal = ChangeProposal.objects.create(
            instrument=instrument,
            action=ProposalAction.ADD_EVENT,
            kind=event.kind,
            date=event.date,
            date_precision=event.date_precision,
            note=event.note.strip(),
            source=citation.source,
            location=citation.location.strip(),
            confidence=citation.confidence,
            proposed_by=user,
            before=_snapshot(instrument, proposed, event.date),
            after=_snapshot(instrument, [*proposed, event], event.date),
        )
        proposal_waiting_notify(proposal=proposal)
        proposed.append(event)


# --- Lifecycle: one dated step at a time, by the rules of transitions.yaml -------------


# The order of an event not yet saved, when checked against those that are: the steps of one
# day and kind are ordered by primary key (earlier recorded first), and the new event will be
# recorded last, so it gets an order no saved key reaches (2**62, well inside a 64-bit key).
NOT_YET_RECORDED = 1 << 62


def _steps(events: Iterable[InstrumentEvent], *, leave_out: int | None = None) -> list[Step]:
    return [
        Step(kind=event.kind, date=event.date, order=event.pk or 0)
        for event in events
        if event.pk != leave_out
    ]


def _snapshot(
    instrument: Instrument, events: Sequence[InstrumentEvent], day: datetime.date | None
) -> dict[str, Any]:
    """What a reader needs to compare: the dated events and the status on the day and today."""
    ordered_events = sorted(events, key=_event_sort_key)
    snapshot: dict[str, Any] = {
        "events": [
            {"kind": event.kind, "date": event.date.isoformat() if event.date else None}
            for event in ordered_events
        ],
        "status_today": status_from_events(events, today()),
    }
    if day is not None:
        snapshot["date"] = day.isoformat()
        snapshot["status_on_date"] = status_from_events(events, day)
    return snapshot


def _event_sort_key(event: InstrumentEvent) -> tuple[bool, datetime.date, int, int]:
    return (
        event.date is not None,
        event.date or datetime.date.min,
        EVENT_RANK[event.kind],
        event.pk or 0,
    )


def _require_source(source: Source | None) -> None:
    if source is None:
        raise ValidationError(
            {"source": _("Cite the document that records this step (a source is required).")}
        )


def _acting_user(function: Callable[..., Any]) -> Callable[..., Any]:
    """The history names the `user` a lifecycle service acts for, in a request or not."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with history_actor(kwargs.get("user")):
            return function(*args, **kwargs)

    return wrapper


def _locked(instrument: Instrument) -> Instrument:
    """The instrument, locked until the transaction ends: one lifecycle change at a time."""
    return Instrument.objects.select_for_update().get(pk=instrument.pk)


@transaction.atomic
@_acting_user
def instrument_transition(
    *,
    instrument: Instrument,
    event_kind: str,
    date: datetime.date | None,
    source: Source | None,
    user: Any,
    location: str = "",
    note: str = "",
    date_precision: str = DatePrecision.DAY,
    confidence: str = Confidence.CHECKED,
) -> InstrumentEvent | ChangeProposal:
    """Record the next step of an instrument's life, dated and sourced.

    Refused, with the moves possible, when the step cannot follow the history. For an
    instrument that can carry personal data the step becomes a pending `ChangeProposal`
    for a second person to approve; otherwise it is recorded at once."""
    instrument = _locked(instrument)
    if event_kind not in EventKind.values:
        raise ValidationError(
            {"kind": _("“%(kind)s” is not an event kind.") % {"kind": event_kind}}
        )
    _require_source(source)
    event = InstrumentEvent(
        instrument=instrument,
        kind=event_kind,
        date=date,
        date_precision=date_precision,
        note=note.strip(),
    )
    event.full_clean()
    citation = Citation(source=source, location=location.strip(), confidence=confidence)
    citation.full_clean(exclude=["content_type", "object_id"])
    existing = list(instrument.events.all())
    problem = history_problem(
        instrument.type, _steps(existing), Step(event_kind, date, NOT_YET_RECORDED)
    )
    if problem:
        raise ValidationError({"kind": problem})
    if carries_personal_data(instrument.type):
        proposal = ChangeProposal.objects.create(
            instrument=instrument,
            action=ProposalAction.ADD_EVENT,
            kind=event_kind,
            date=date,
            date_precision=date_precision,
            note=event.note,
            source=source,
            location=citation.location,
            confidence=citation.confidence,
            proposed_by=user,
            before=_snapshot(instrument, existing, date),
            after=_snapshot(instrument, [*existing, event], date),
        )
        proposal_waiting_notify(proposal=proposal)
        return proposal
    event.save()
    citations_add(
        cited=event,
        citations=[CitationInput(source=source, location=citation.location, confidence=confidence)],  # type: ignore[arg-type]
    )
    return event


@transaction.atomic
@_acting_user
def instrument_event_change(
    *,
    event: InstrumentEvent,
    date: datetime.date | None,
    user: Any,
    date_precision: str = DatePrecision.DAY,
    note: str | None = None,
) -> InstrumentEvent | ChangeProposal:
    """Correct an event's date (or note). For an instrument that can carry personal data a
    change of date is a proposal for a second person to approve; a note changes at once."""
    instrument = _locked(event.instrument)
    event = InstrumentEvent.objects.get(pk=event.pk)
    changed = InstrumentEvent(
        pk=event.pk,
        instrument=instrument,
        kind=event.kind,
        date=date,
        date_precision=date_precision,
        note=event.note if note is None else note.strip(),
    )
    changed.full_clean(validate_unique=False)
    existing = list(instrument.events.all())
    problem = history_problem(
        instrument.type,
        _steps(existing, leave_out=event.pk),
        Step(event.kind, date, event.pk or 0),
    )
    if problem:
        raise ValidationError({"date": problem})
    dates_change = (date, date_precision) != (event.date, event.date_precision)
    if dates_change and carries_personal_data(instrument.type):
        after_events = [changed if other.pk == event.pk else other for other in existing]
        proposal = ChangeProposal.objects.create(
            instrument=instrument,
            action=ProposalAction.CHANGE_EVENT,
            event=event,
            kind=event.kind,
            date=date,
            date_precision=date_precision,
            note=changed.note,
            proposed_by=user,
            before=_snapshot(instrument, existing, date),
            after=_snapshot(instrument, after_events, date),
        )
        proposal_waiting_notify(proposal=proposal)
        return proposal
    changed.created = event.created
    changed.save()
    return changed


def _approval_problem(proposal: ChangeProposal, problem: str) -> str:
    """Why the step no longer fits, and what to do: approve earlier proposals first, when
    some wait for the same instrument, or reject this one."""
    earlier = list(
        ChangeProposal.objects.filter(
            instrument_id=proposal.instrument_id,
            status=ProposalStatus.PENDING,
            pk__lt=proposal.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if earlier:
        return _(
            "%(problem)s Proposals made before it for this instrument still wait: "
            "%(numbers)s. Approve (or reject) those first."
        ) % {"problem": problem, "numbers": ", ".join(f"#{pk}" for pk in earlier)}
    return _("The history changed since this was proposed: %(problem)s Reject it instead.") % {
        "problem": problem
    }


@transaction.atomic
@_acting_user
def change_proposal_approve(*, proposal: ChangeProposal, user: Any) -> ChangeProposal:
    """Apply a pending proposal, approved by a second person, in one transaction.

    Who may approve is `may_approve` (liaison.instruments.permissions), asked again here
    under the lock; the step is checked again against the history as it now stands."""
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    refusal = may_approve(user, proposal)
    if refusal is not None:
        raise refusal.error()
    instrument = _locked(proposal.instrument)
    existing = list(instrument.events.all())
    if proposal.action == ProposalAction.ADD_EVENT:
        problem = history_problem(
            instrument.type, _steps(existing), Step(proposal.kind, proposal.date, NOT_YET_RECORDED)
        )
        if problem:
            raise ValidationError(_approval_problem(proposal, problem))
        event = InstrumentEvent(
            instrument=instrument,
            kind=proposal.kind,
            date=proposal.date,
            date_precision=proposal.date_precision,
            note=proposal.note,
        )
        event.full_clean()
        event.save()
        if proposal.source is not None:
            citations_add(
                cited=event,
                citations=[
                    CitationInput(
                        source=proposal.source,
                        location=proposal.location,
                        confidence=proposal.confidence,
                    )
                ],
            )
    else:
        if proposal.event is None:
            raise ValidationError(_("The event this proposal changes was deleted since."))
        event = InstrumentEvent.objects.get(pk=proposal.event.pk)
        problem = history_problem(
            instrument.type,
            _steps(existing, leave_out=event.pk),
            Step(event.kind, proposal.date, event.pk or 0),
        )
        if problem:
            raise ValidationError(_approval_problem(proposal, problem))
        event.date = proposal.date
        event.date_precision = proposal.date_precision
        event.note = proposal.note
        event.full_clean()
        event.save()
    proposal.event = event
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    proposal_decided_notify(proposal=proposal)
    return proposal


@transaction.atomic
@_acting_user
def change_proposal_reject(
    *, proposal: ChangeProposal, user: Any, reason: str = ""
) -> ChangeProposal:
    """Reject a pending proposal (its proposer may withdraw it): nothing else changes."""
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    refusal = may_reject(user, proposal)
    if refusal is not None:
        raise refusal.error()
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.decision_note = reason.strip()
    proposal.save()
    proposal_decided_notify(proposal=proposal)
    return proposal
