"""Every allowed and refused transition, per instrument type, as transitions.yaml says;
refusals name the moves possible from where the instrument is."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.core.testing.factories import InstrumentFactory, SourceFactory, add_event
from liaison.instruments.choices import EventKind, InstrumentType
from liaison.instruments.lifecycle import (
    START,
    TRANSITIONS,
    Step,
    carries_personal_data,
    history_problem,
    next_kinds,
)
from liaison.instruments.models import ChangeProposal, InstrumentEvent
from liaison.instruments.services import instrument_transition

DAY1 = datetime.date(2020, 1, 1)
DAY2 = datetime.date(2021, 1, 1)

CASES = [
    (instrument_type, previous, kind)
    for instrument_type in InstrumentType.values
    for previous in [START, *EventKind.values]
    for kind in EventKind.values
    if previous == START or previous in TRANSITIONS[instrument_type]
]


def path_to(instrument_type: str, target: str) -> list[Step] | None:
    """The shortest allowed history ending with `target`, one event a year from 2000."""
    paths: dict[str | None, list[str]] = {None: []}
    frontier: list[str | None] = [None]
    while frontier:
        kind = frontier.pop(0)
        for following in next_kinds(instrument_type, kind):
            if following not in paths:
                paths[following] = [*paths[kind], following]
                frontier.append(following)
    if target not in paths:
        return None
    return [Step(kind, datetime.date(2000 + n, 1, 1)) for n, kind in enumerate(paths[target])]


@pytest.mark.parametrize(("instrument_type", "previous", "kind"), CASES)
def test_each_step_is_allowed_exactly_when_the_table_says(instrument_type, previous, kind):
    history = [] if previous == START else path_to(instrument_type, previous)
    if history is None:
        pytest.skip("no history of this type reaches this step")
    problem = history_problem(instrument_type, history, Step(kind, DAY2.replace(2030)))
    allowed = kind in next_kinds(instrument_type, None if previous == START else previous)
    assert (problem is None) == allowed, problem


def test_every_step_in_the_table_can_be_reached_from_the_start():
    for instrument_type, moves in TRANSITIONS.items():
        reached, frontier = set(), [None]
        while frontier:
            kind = frontier.pop()
            for following in next_kinds(instrument_type, kind):
                if following not in reached:
                    reached.add(following)
                    frontier.append(following)
        listed = {kind for kind, following in moves.items() if kind != START and following}
        assert listed <= reached, (instrument_type, listed - reached)


def test_a_working_arrangement_has_no_council_mandate():
    problem = history_problem("working_arrangement", [], Step("mandate", DAY1))
    assert "cannot go from “the start” to “negotiating mandate”" in problem
    assert "signed (signed)" in problem and "in force (in_force)" in problem


def test_an_adequacy_decision_is_adopted_renewed_and_expires():
    history = [Step("adopted", DAY1), Step("renewed", DAY2)]
    assert (
        history_problem("adequacy_decision", history, Step("expires", DAY2.replace(2031))) is None
    )
    problem = history_problem("adequacy_decision", [], Step("signed", DAY1))
    assert "adopted (adopted)" in problem


def test_a_backwards_move_is_refused_with_the_moves_possible_from_here():
    history = [Step("signed", DAY1), Step("in_force", DAY2)]
    problem = history_problem(
        "international_agreement", history, Step("signed", DAY2.replace(2022))
    )
    assert "cannot go from “in force” to “signed”" in problem
    assert "renewed (renewed), suspended (suspended), ended (ended), expires (expires)" in problem


def test_an_event_with_a_past_date_must_fit_between_the_events_around_it():
    history = [Step("mandate", DAY1), Step("signed", DAY2.replace(2024))]
    assert (
        history_problem("international_agreement", history, Step("negotiation_round", DAY2)) is None
    )
    problem = history_problem("international_agreement", history, Step("ended", DAY2))
    assert "would leave the later event “signed”" in problem


def test_nothing_follows_the_end():
    history = [Step("signed", DAY1), Step("ended", DAY1)]
    problem = history_problem("working_arrangement", history, Step("in_force", DAY2))
    assert "nothing may follow it" in problem


def test_the_types_that_can_carry_personal_data_are_the_legal_basis_routes():
    assert {t for t in InstrumentType.values if carries_personal_data(t)} == {
        "international_agreement",
        "cooperation_agreement",
        "adequacy_decision",
        "appropriate_safeguards_instrument",
    }


@pytest.mark.django_db
def test_the_service_records_an_allowed_step_of_a_working_arrangement_at_once(alice):
    instrument = InstrumentFactory(type="working_arrangement")
    add_event(instrument, "signed", date=DAY1)
    source = SourceFactory()
    event = instrument_transition(
        instrument=instrument,
        event_kind="in_force",
        date=DAY2,
        source=source,
        location="Art. 12",
        note="Entered into force on signature of the exchange of notes.",
        user=alice,
    )
    assert isinstance(event, InstrumentEvent)
    assert instrument.status_on(DAY2) == "in_force"
    citation = event.citations.get()
    assert (citation.source, citation.location) == (source, "Art. 12")


@pytest.mark.django_db
def test_the_service_refuses_an_impossible_step_and_writes_nothing(alice):
    instrument = InstrumentFactory(type="working_arrangement")
    add_event(instrument, "signed", date=DAY1)
    add_event(instrument, "ended", date=DAY1)
    with pytest.raises(ValidationError) as refused:
        instrument_transition(
            instrument=instrument,
            event_kind="in_force",
            date=DAY2,
            source=SourceFactory(),
            user=alice,
        )
    assert "nothing may follow it" in str(refused.value)
    assert instrument.events.count() == 2 and not ChangeProposal.objects.exists()


@pytest.mark.django_db
def test_the_service_needs_a_source(alice):
    instrument = InstrumentFactory(type="working_arrangement")
    with pytest.raises(ValidationError) as refused:
        instrument_transition(
            instrument=instrument, event_kind="signed", date=DAY1, source=None, user=alice
        )
    assert "source" in refused.value.message_dict


def test_the_refusal_puts_an_before_a_type_that_starts_with_a_vowel_sound():
    history = [Step("signed", DAY1), Step("in_force", DAY2)]
    problem = history_problem(
        "international_agreement", history, Step("signed", DAY2.replace(2022))
    )
    assert problem.startswith("An international agreement (Art. 218 TFEU) cannot go from")
    problem = history_problem("working_arrangement", [], Step("mandate", DAY1))
    assert problem.startswith("A working arrangement cannot go from")
    later = [Step("signed", DAY2)]
    problem = history_problem("adequacy_decision", later, Step("adopted", DAY1))
    assert "impossible for an adequacy decision:" in problem
