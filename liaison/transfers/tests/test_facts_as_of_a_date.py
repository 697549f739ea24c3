"""The instruments an assessment is given are those `with_status` shows on its date, with
the same status, start and precision (computed from the prefetched events)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q

from liaison.instruments.models import Instrument
from liaison.partners.models import Partner
from liaison.transfers.selectors import UNION_PARTIES, assessment_instruments

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]


@pytest.mark.parametrize(
    "on",
    [datetime.date(2006, 1, 1), datetime.date(2016, 10, 1), datetime.date(2019, 6, 1)]
    + [datetime.date(2025, 6, 1), datetime.date(2032, 1, 1)],
)
def test_it_gives_the_engine_what_with_status_shows(on):
    fields = ("pk", "status", "status_since", "status_since_precision")
    expected = {
        tuple(getattr(instrument, name) for name in fields)
        for instrument in Instrument.objects.with_status(on).filter(
            Q(eu_party__isnull=True) | Q(eu_party__code__in=UNION_PARTIES)
        )
        if instrument.status is not None
    }
    given = {
        tuple(getattr(instrument, name) for name in fields)
        for partner in Partner.objects.all()
        for instrument in assessment_instruments(partner=partner, on=on)
    }
    assert given == expected
