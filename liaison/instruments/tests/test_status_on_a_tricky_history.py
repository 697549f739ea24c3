"""The simplified status annotation gives what the rule says on histories built to trip it:
several events on one day, undated events, a status left and regained, future events,
dates known only to the month or year. The SQL and the Python versions agree, day by day."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.choices import EventKind, InstrumentStatus
from liaison.instruments.models import Instrument, status_and_since_from_events
from liaison.instruments.testing.factories import InstrumentFactory, add_event

D = datetime.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def tricky() -> Instrument:
    instrument = InstrumentFactory(type="international_agreement")
    add_event(instrument, EventKind.IDENTIFIED, None)  # date unknown: earlier than all
    add_event(instrument, EventKind.PROPOSED, D(2011, 1, 1), date_precision="year")
    add_event(instrument, EventKind.MANDATE, D(2012, 5, 1), date_precision="month")
    # Three steps on one day: the last of them (by the order of the lifecycle) counts.
    add_event(instrument, EventKind.SIGNED, D(2014, 6, 10))
    add_event(instrument, EventKind.CONCLUDED, D(2014, 6, 10))
    add_event(instrument, EventKind.IN_FORCE, D(2014, 6, 10))
    add_event(instrument, EventKind.SUSPENDED, D(2016, 2, 1), date_precision="month")
    add_event(instrument, EventKind.RENEWED, D(2018, 1, 1), date_precision="year")
    add_event(instrument, EventKind.RENEWED, D(2020, 3, 15))
    add_event(instrument, EventKind.ENDED, D(2030, 12, 31))  # in the future
    return instrument


EXPECTED = [
    (D(2005, 1, 1), InstrumentStatus.PLANNED, None, None),
    (D(2011, 6, 1), InstrumentStatus.PROPOSED, D(2011, 1, 1), "year"),
    (D(2013, 1, 1), InstrumentStatus.NEGOTIATING, D(2012, 5, 1), "month"),
    (D(2014, 6, 10), InstrumentStatus.IN_FORCE, D(2014, 6, 10), "day"),
    (D(2016, 2, 1), InstrumentStatus.SUSPENDED, D(2016, 2, 1), "month"),
    (D(2019, 1, 1), InstrumentStatus.IN_FORCE, D(2018, 1, 1), "year"),
    (D(2025, 1, 1), InstrumentStatus.IN_FORCE, D(2018, 1, 1), "year"),
    (D(2031, 1, 1), InstrumentStatus.ENDED, D(2030, 12, 31), "day"),
]


@pytest.mark.parametrize(("day", "status", "since", "precision"), EXPECTED)
def test_the_annotation_follows_the_rule(tricky, day, status, since, precision):
    row = Instrument.objects.with_status(day).get(pk=tricky.pk)
    assert (row.status, row.status_since, row.status_since_precision) == (
        status,
        since,
        precision,
    )


def test_sql_and_python_agree_every_month_of_the_history(tricky):
    events = list(tricky.events.all())
    day = D(2009, 1, 15)
    while day < D(2032, 1, 1):
        row = Instrument.objects.with_status(day).get(pk=tricky.pk)
        assert (row.status, row.status_since) == status_and_since_from_events(events, day), day
        day += datetime.timedelta(days=61)


def test_of_several_steps_on_one_day_the_last_in_the_lifecycle_counts(db):
    instrument = InstrumentFactory()
    add_event(instrument, EventKind.IN_FORCE, D(2012, 1, 1))
    add_event(instrument, EventKind.SUSPENDED, D(2015, 1, 1), date_precision="day")
    add_event(instrument, EventKind.RENEWED, D(2015, 1, 1), date_precision="day")
    row = Instrument.objects.with_status(D(2015, 1, 2)).get(pk=instrument.pk)
    assert (row.status, row.status_since) == (InstrumentStatus.SUSPENDED, D(2015, 1, 1))
    events = list(instrument.events.all())
    assert status_and_since_from_events(events, D(2015, 1, 2)) == (
        InstrumentStatus.SUSPENDED,
        D(2015, 1, 1),
    )


def test_an_instrument_without_events_has_no_status(db):
    instrument = InstrumentFactory()
    row = Instrument.objects.with_status(D(2020, 1, 1)).get(pk=instrument.pk)
    assert (row.status, row.status_since, row.status_since_precision) == (None, None, None)
