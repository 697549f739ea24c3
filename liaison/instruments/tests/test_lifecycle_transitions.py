"""The lifecycle rule (transitions.yaml, read by lifecycle.py): which event may follow which,
per instrument type. The cases are written from the register's real histories and from
the law, not from the table: each history below happened (or is how such an instrument
lives) and must be accepted; each impossible one must be refused, with the moves possible
from where the instrument is."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.instruments.choices import InstrumentType
from liaison.instruments.lifecycle import (
    START,
    TABLE_PATH,
    TRANSITIONS,
    Step,
    _load,
    carries_personal_data,
    history_problem,
    next_kinds,
)
from liaison.instruments.models import ChangeProposal, InstrumentEvent
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event
from liaison.transfers import rules

DAY1 = datetime.date(2020, 1, 1)
DAY2 = datetime.date(2021, 1, 1)


def history(*events: str) -> list[Step]:
    """Steps from "kind@YYYY-MM-DD" ("kind@?" when the date is unknown)."""
    steps = []
    for event in events:
        kind, _, day = event.partition("@")
        steps.append(Step(kind, None if day == "?" else datetime.date.fromisoformat(day)))
    return steps


# Real histories of the register's instruments (data/reference/instruments.yaml), and how
# the types without one there live. Every one of them must be accepted.
LIVED = {
    "Norway: cooperation agreement signed and in force the same day": (
        "cooperation_agreement",
        history("signed@2005-04-28", "in_force@2005-04-28"),
    ),
    "Moldova: cooperation agreement in force two years after signature": (
        "cooperation_agreement",
        history("signed@2014-07-01", "in_force@2016-10-01"),
    ),
    "Russia: negotiations of undated start, frozen in 2014, all cooperation suspended in 2022": (
        "cooperation_agreement",
        history("negotiation_round@?", "suspended@2014-03-01", "suspended@2022-03-04"),
    ),
    "EU agreement: proposal, Council mandate, rounds, signature, conclusion, entry into force": (
        "international_agreement",
        history(
            "proposed@2020-11-19",
            "mandate@2021-03-01",
            "negotiation_round@2022-05-10",
            "negotiation_round@2023-02-14",
            "signed@2024-10-28",
            "concluded@2025-04-14",
            "in_force@2025-06-01",
        ),
    ),
    "United Kingdom: Trade and Cooperation Agreement applied provisionally, then in force": (
        "international_agreement",
        history("signed@2020-12-30", "provisionally_applied@2021-01-01", "in_force@2021-05-01"),
    ),
    "Armenia: EU agreement mandated, signed, ratified": (
        "international_agreement",
        history("mandate@2021-03-01", "signed@2024-04-05", "ratified@2024-09-10"),
    ),
    "International Criminal Court: an agreement the strategy identifies": (
        "international_agreement",
        history("identified@2024-03-01"),
    ),
    "United Kingdom: adequacy decision adopted, renewed, expiring": (
        "adequacy_decision",
        history("adopted@2021-06-28", "renewed@2025-12-19", "expires@2031-12-27"),
    ),
    "Appropriate safeguards: negotiated, signed, in force": (
        "appropriate_safeguards_instrument",
        history("negotiation_round@2019-02-01", "signed@2020-03-01", "in_force@2020-09-01"),
    ),
    "Nigeria: working arrangement in force on signature": (
        "working_arrangement",
        history("in_force@2023-11-09"),
    ),
    "Chile: working arrangement identified by the strategy, then signed": (
        "working_arrangement",
        history("identified@2024-03-01", "signed@2024-07-10"),
    ),
    "AIAMP: working arrangement in force since a date not known": (
        "working_arrangement",
        history("in_force@?"),
    ),
    "Interpol: memorandum of understanding in force": (
        "memorandum_of_understanding",
        history("in_force@2013-07-15"),
    ),
    "Exchange of letters signed, then in force": (
        "exchange_of_letters",
        history("signed@2015-03-01", "in_force@2015-04-01"),
    ),
    "EU-Russia migration dialogue held, then suspended": (
        "dialogue",
        history("in_force@2011-01-01", "suspended@2022-03-04"),
    ),
}


@pytest.mark.parametrize("case", LIVED)
def test_a_history_that_happened_is_accepted(case):
    instrument_type, steps = LIVED[case]
    assert history_problem(instrument_type, steps) is None


# Histories no instrument can have, with the move that makes them impossible. Every one of
# them must be refused, and for that move.
IMPOSSIBLE = {
    "in force before it was signed": (
        "cooperation_agreement",
        history("in_force@2005-01-01", "signed@2005-04-28"),
        ("the start", "in force"),
    ),
    "an EU agreement in force before its signature": (
        "international_agreement",
        history("mandate@2021-03-01", "in_force@2023-01-01", "signed@2024-04-05"),
        ("negotiating mandate", "in force"),
    ),
    "a Council mandate after the signature": (
        "international_agreement",
        history("signed@2024-04-05", "mandate@2024-06-01"),
        ("signed", "negotiating mandate"),
    ),
    "a Council mandate for the agency's own agreement": (
        "cooperation_agreement",
        history("mandate@2018-01-01"),
        ("the start", "negotiating mandate"),
    ),
    "a working arrangement ratified": (
        "working_arrangement",
        history("signed@2024-07-10", "ratified@2024-09-01"),
        ("signed", "ratified"),
    ),
    "an adequacy decision signed, not adopted": (
        "adequacy_decision",
        history("signed@2021-06-28"),
        ("the start", "signed"),
    ),
    "a dialogue signed": (
        "dialogue",
        history("signed@2011-01-01"),
        ("the start", "signed"),
    ),
    "ended twice": (
        "working_arrangement",
        history("in_force@2010-01-01", "ended@2015-01-01", "ended@2016-01-01"),
        ("ended", "ended"),
    ),
    "ended after it expired": (
        "adequacy_decision",
        history("adopted@2021-06-28", "expires@2025-06-27", "ended@2026-01-01"),
        ("expires", "ended"),
    ),
    "in force again after its end": (
        "cooperation_agreement",
        history(
            "signed@2005-04-28", "in_force@2005-04-28", "ended@2020-01-01", "in_force@2021-01-01"
        ),
        ("ended", "in force"),
    ),
    "renewed after it expired": (
        "adequacy_decision",
        history("adopted@2021-06-28", "expires@2025-06-27", "renewed@2025-12-19"),
        ("expires", "renewed"),
    ),
    "negotiations after a memorandum ended": (
        "memorandum_of_understanding",
        history("in_force@2013-07-15", "ended@2020-01-01", "negotiation_round@2021-01-01"),
        ("ended", "negotiations"),
    ),
}


@pytest.mark.parametrize("case", IMPOSSIBLE)
def test_an_impossible_history_is_refused_at_the_impossible_move(case):
    instrument_type, steps, (before, after) = IMPOSSIBLE[case]
    problem = history_problem(instrument_type, steps)
    assert problem is not None
    assert f"cannot go from “{before}” to “{after}”" in problem


def test_a_refusal_names_the_moves_possible_from_where_the_instrument_is():
    problem = history_problem("working_arrangement", [], Step("mandate", DAY1))
    assert "cannot go from “the start” to “negotiating mandate”" in problem
    assert "signed (signed)" in problem and "in force (in_force)" in problem


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


def test_an_instrument_type_needs_four_eyes_exactly_when_the_engine_rests_a_transfer_on_it():
    """One statement, the law's: a type the engine accepts as a legal basis for personal
    data changes only with four eyes, and no other type does."""
    for instrument_type in InstrumentType.values:
        # As a real record would be: concluded and in force before 12 December 2019 (for a
        # cooperation agreement), an adequacy decision made under the LED.
        fact = rules.InstrumentFact(
            id=7,
            type=instrument_type,
            title="The instrument",
            status="in_force",
            status_since=datetime.date(2015, 3, 1),
            concluded_on=datetime.date(2014, 10, 1),
            in_force_from=datetime.date(2015, 3, 1),
            adequacy_act="led_36" if instrument_type == "adequacy_decision" else None,
        )
        partner = rules.PartnerFacts(
            code="RS",
            name="Serbia",
            kind="country",
            competent_in_criminal_matters=True,
            instruments=(fact,),
        )
        request = rules.TransferRequest(
            data_category="operational_personal_data",
            as_of=datetime.date(2018, 6, 1),
            necessity="To identify the accomplices of a suspect.",
            receiving_authority="Public Prosecutor's Office of Serbia",
            receiving_authority_competent=True,
        )
        rests_on_it = any(b.instrument_id == 7 for b in rules.assess(partner, request).legal_bases)
        assert carries_personal_data(instrument_type) == rests_on_it, instrument_type


def test_transitions_yaml_cannot_state_again_which_types_carry_personal_data(tmp_path):
    table = tmp_path / "transitions.yaml"
    table.write_text(
        TABLE_PATH.read_text(encoding="utf-8") + "legal_basis_types: [working_arrangement]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="the law's to say"):
        _load(table)


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
