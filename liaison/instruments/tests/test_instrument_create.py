"""instrument_create: the one way instruments are created, whoever calls it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.instruments.models import Instrument
from liaison.instruments.services import EventInput, InstrumentInput, instrument_create
from liaison.instruments.testing.factories import PartnerFactory, SourceFactory
from liaison.sources.models import Citation
from liaison.sources.services import CitationInput

pytestmark = [pytest.mark.django_db]


def data(**changes):
    source = SourceFactory()
    values = {
        "key": "orgx-arrangement",
        "partner": PartnerFactory(),
        "type": "working_arrangement",
        "title": "Arrangement",
        "citations": [CitationInput(source)],
        "events": [
            EventInput(
                kind="in_force", date=datetime.date(2024, 1, 1), citations=[CitationInput(source)]
            )
        ],
    }
    values.update(changes)
    return InstrumentInput(**values)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"citations": []}, "citations"), ({"events": []}, "events")],
)
def test_it_refuses_an_instrument_without_a_source_or_an_event(changes, field, alice):
    with pytest.raises(ValidationError) as raised:
        instrument_create(data=data(**changes), user=alice)
    assert field in raised.value.message_dict
    assert not Instrument.objects.exists()


def test_a_bad_event_leaves_nothing_behind(alice):
    source = SourceFactory()
    bad = EventInput(
        kind="signed",
        date=datetime.date(2024, 5, 5),
        date_precision="month",
        citations=[CitationInput(source)],
    )
    good = EventInput(
        kind="in_force", date=datetime.date(2024, 6, 1), citations=[CitationInput(source)]
    )
    with pytest.raises(ValidationError):
        instrument_create(data=data(events=[good, bad]), user=alice)
    assert not Instrument.objects.exists()
    assert not Citation.objects.exists()
