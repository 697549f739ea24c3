"""An instrument's status on a date comes from its dated events, in SQL and in Python alike."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.choices import EventKind, InstrumentStatus
from liaison.instruments.models import Instrument, status_and_since_from_events
from liaison.instruments.testing.factories import InstrumentFactory, add_event

D = datetime.date


def sql_status(instrument: Instrument, day: D) -> str | None:
    return Instrument.objects.with_status(day).get(pk=instrument.pk).status


@pytest.fixture
def cooperation_agreement(db):
    instrument = InstrumentFactory(type="cooperation_agreement")
    add_event(instrument, EventKind.SIGNED, D(2014, 7, 1))
    add_event(instrument, EventKind.IN_FORCE, D(2016, 10, 1))
    add_event(instrument, EventKind.SUSPENDED, D(2022, 3, 4))
    return instrument


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2014, 6, 30), None),
        (D(2014, 7, 1), InstrumentStatus.SIGNED),
        (D(2016, 9, 30), InstrumentStatus.SIGNED),
        (D(2016, 10, 1), InstrumentStatus.IN_FORCE),
        (D(2022, 3, 3), InstrumentStatus.IN_FORCE),
        (D(2022, 3, 4), InstrumentStatus.SUSPENDED),
    ],
)
def test_it_gives_the_status_after_the_latest_event_on_or_before_the_date(
    cooperation_agreement, day, expected
):
    assert sql_status(cooperation_agreement, day) == expected
    assert cooperation_agreement.status_on(day) == expected


def test_it_ends_an_adequacy_decision_on_its_expiry_date_but_not_before(db):
    decision = InstrumentFactory(type="adequacy_decision")
    add_event(decision, EventKind.ADOPTED, D(2021, 6, 28))
    add_event(decision, EventKind.RENEWED, D(2025, 12, 19))
    add_event(decision, EventKind.EXPIRES, D(2031, 12, 27))
    assert sql_status(decision, D(2031, 12, 26)) == InstrumentStatus.IN_FORCE
    assert sql_status(decision, D(2031, 12, 27)) == InstrumentStatus.ENDED
    assert decision.status_on(D(2031, 12, 27)) == InstrumentStatus.ENDED


def test_it_orders_events_of_the_same_day_by_lifecycle_not_by_entry_order(db):
    instrument = InstrumentFactory()
    add_event(instrument, EventKind.IN_FORCE, D(2005, 4, 28))
    add_event(instrument, EventKind.SIGNED, D(2005, 4, 28))
    assert sql_status(instrument, D(2005, 4, 28)) == InstrumentStatus.IN_FORCE
    assert instrument.status_on(D(2005, 4, 28)) == InstrumentStatus.IN_FORCE


def test_it_counts_an_event_of_unknown_date_as_earlier_than_every_dated_event(db):
    instrument = InstrumentFactory(type="cooperation_agreement")
    add_event(instrument, EventKind.NEGOTIATION_ROUND, None)
    add_event(instrument, EventKind.SUSPENDED, D(2014, 3, 1))
    assert sql_status(instrument, D(1990, 1, 1)) == InstrumentStatus.NEGOTIATING
    assert sql_status(instrument, D(2020, 1, 1)) == InstrumentStatus.SUSPENDED
    assert instrument.status_on(D(1990, 1, 1)) == InstrumentStatus.NEGOTIATING


def test_it_reports_since_when_the_status_holds(cooperation_agreement):
    row = Instrument.objects.with_status(D(2020, 1, 1)).get(pk=cooperation_agreement.pk)
    assert row.status_since == D(2016, 10, 1)


def test_a_renewal_or_a_ratification_does_not_restart_the_status(db):
    decision = InstrumentFactory(type="adequacy_decision")
    add_event(decision, EventKind.ADOPTED, D(2021, 6, 28))
    add_event(decision, EventKind.RENEWED, D(2025, 12, 19))
    agreement = InstrumentFactory(type="international_agreement")
    add_event(agreement, EventKind.MANDATE, D(2021, 3, 1))
    add_event(agreement, EventKind.SIGNED, D(2024, 4, 5))
    add_event(agreement, EventKind.RATIFIED, D(2024, 9, 10))
    day = D(2026, 1, 1)
    assert Instrument.objects.with_status(day).get(pk=decision.pk).status_since == D(2021, 6, 28)
    assert Instrument.objects.with_status(day).get(pk=agreement.pk).status_since == D(2024, 4, 5)


def test_a_status_regained_counts_from_its_latest_beginning(db):
    instrument = InstrumentFactory()
    add_event(instrument, EventKind.IN_FORCE, D(2010, 1, 1))
    add_event(instrument, EventKind.SUSPENDED, D(2014, 3, 1))
    add_event(instrument, EventKind.RENEWED, D(2018, 5, 1))
    add_event(instrument, EventKind.RENEWED, D(2020, 5, 1))
    row = Instrument.objects.with_status(D(2021, 1, 1)).get(pk=instrument.pk)
    assert (row.status, row.status_since) == (InstrumentStatus.IN_FORCE, D(2018, 5, 1))
    assert status_and_since_from_events(instrument.events.all(), D(2021, 1, 1)) == (
        InstrumentStatus.IN_FORCE,
        D(2018, 5, 1),
    )


def test_sql_and_python_agree_on_every_reference_instrument_at_many_dates(reference_data):
    days = [
        D(2000, 1, 1),
        D(2013, 7, 15),
        D(2021, 3, 1),
        D(2024, 3, 31),
        D(2025, 6, 1),
        D(2032, 1, 1),
    ]
    instruments = list(Instrument.objects.prefetch_related("events"))
    assert instruments
    for day in days:
        sql = {
            row[0]: row[1:]
            for row in Instrument.objects.with_status(day).values_list(
                "pk", "status", "status_since"
            )
        }
        for instrument in instruments:
            python = status_and_since_from_events(instrument.events.all(), day)
            assert sql[instrument.pk] == python, (instrument.key, day)
