"""Attack (d): the status subqueries are built once per day and process (lru_cache). In one
process, a status asked on a past day, then today, then the past day again (filtered and
not) must each be the status of that day; the cached expressions must not carry one
query's filters or aliases into another."""

from __future__ import annotations

import datetime

import pytest

from liaison.core.dates import today
from liaison.instruments.models import Instrument
from liaison.instruments.testing.factories import InstrumentFactory, add_event

pytestmark = [pytest.mark.django_db]

PAST = datetime.date(2019, 6, 1)


def statuses(on):
    return dict(Instrument.objects.with_status(on).values_list("key", "status"))


def test_past_and_today_alternate_in_one_process():
    signed = InstrumentFactory(key="signed-then-in-force")
    add_event(signed, "signed", date=datetime.date(2018, 3, 1))
    add_event(signed, "in_force", date=datetime.date(2020, 1, 1))
    later = InstrumentFactory(key="later")
    add_event(later, "signed", date=datetime.date(2021, 1, 1))
    for _ in range(2):
        assert statuses(PAST) == {"signed-then-in-force": "signed", "later": None}
        assert statuses(None) == {"signed-then-in-force": "in_force", "later": "signed"}
        assert statuses(today()) == statuses(None)
        in_force_then = Instrument.objects.with_status(PAST).filter(status="in_force")
        assert not in_force_then.exists()
        assert list(
            Instrument.objects.with_status(None)
            .filter(status="in_force")
            .values_list("key", flat=True)
        ) == ["signed-then-in-force"]
