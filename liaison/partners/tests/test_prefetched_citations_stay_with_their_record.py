"""Citations read in bulk with a partner's page stay with the record that cites them, also
when the page asks again about them (the per-record filter is built only if needed)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    SourceFactory,
    cite,
)
from liaison.partners.selectors import partner_detail

pytestmark = [pytest.mark.django_db]


def test_each_partner_and_instrument_lists_only_its_own_citations():
    first, second = PartnerFactory(), PartnerFactory()
    cite(first, SourceFactory(title="First's source"), location="p. 1")
    cite(second, SourceFactory(title="Second's source"), location="p. 2")
    cite(second, SourceFactory(title="Second's other source"), location="p. 3")
    instrument = InstrumentFactory(partner=second)
    cite(instrument, SourceFactory(title="Instrument's source"), location="art. 4")
    # An instrument with the same id as a partner must not borrow the partner's citations.
    partners = {p.code: p for p in partner_detail().filter(pk__in=[first.pk, second.pk])}

    with CaptureQueriesContext(connection) as read:
        first_sources = [c.source.title for c in partners[first.code].citations.all()]
        second_sources = [c.source.title for c in partners[second.code].citations.all()]
        instrument_sources = [
            c.source.title
            for i in partners[second.code].instruments.all()
            for c in i.citations.all()
        ]
    assert len(read) == 0
    assert first_sources == ["First's source"]
    assert second_sources == ["Second's source", "Second's other source"]
    assert instrument_sources == ["Instrument's source"]


def test_a_narrower_question_about_prefetched_citations_still_asks_about_that_record():
    first, second = PartnerFactory(), PartnerFactory()
    cite(first, SourceFactory(), location="p. 1")
    cite(second, SourceFactory(), location="p. 1")
    partner = partner_detail().get(pk=second.pk)

    narrowed = partner.citations.all().filter(location="p. 1")

    assert [c.object_id for c in narrowed] == [second.pk]
    assert partner.citations.all().count() == 1
