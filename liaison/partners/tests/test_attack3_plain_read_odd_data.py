"""Attack (f): the API partner and instrument lists read plainly must answer what is
recorded (the instrument list byte for byte what DRF answers), also for odd data (regions
sharing a name, unicode, empty and null fields, many citations) and for the viewer."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.api.serializers import InstrumentSerializer
from liaison.instruments.selectors import instrument_detail
from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    RegionFactory,
    SourceFactory,
    add_event,
    cite,
)
from liaison.partners.tests.test_api_lists_read_plainly import _drf_page, _plain_page

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def odd():
    # Regions made in an order other than their codes', all with one name.
    regions = [RegionFactory(code=f"r-{c}", name="Même région") for c in "dbeac"]
    sources = [SourceFactory(title=f"Source ünïcode {n} – «quoted»") for n in range(15)]
    for n in range(4):
        partner = PartnerFactory(name=f"Partenaire {n} ☃", aliases=["Ålias", "別名"])
        partner.regions.add(*reversed(regions[: n + 2]))
        for source in sources[n::2]:
            cite(partner, source, location="§ 1 ✓")
        instrument = InstrumentFactory(partner=partner, title="Accord « spécial »", notes="")
        for source in reversed(sources):
            cite(instrument, source)
        add_event(instrument, "signed", date=datetime.date(2018, 1, 1))
        add_event(instrument, "in_force", date=None, note="Note ✓")
        add_event(instrument, "in_force", date=datetime.date(2018, 1, 1))


@pytest.mark.parametrize("who", ["api_alice", "api_bob"])
def test_the_partner_list_shows_odd_data_as_recorded(odd, who, request):
    api = request.getfixturevalue(who)
    rows = api.get("/api/partners/", {"page_size": 100}).json()["results"]
    assert [row["name"] for row in rows] == [f"Partenaire {n} ☃" for n in range(4)]
    for n, row in enumerate(rows):
        assert row["aliases"] == ["Ålias", "別名"]
        # Regions sharing one name: each of the partner's own, once.
        assert sorted(row["regions"]) == sorted(f"r-{c}" for c in "dbeac"[: n + 2])
        [instrument] = row["instruments"]
        assert instrument["title"] == "Accord « spécial »"
        assert (instrument["status"], instrument["status_since"]) == ("in_force", "2018-01-01")


@pytest.mark.parametrize("who", ["api_alice", "api_bob"])
def test_the_instrument_list_is_what_drf_reads_for_odd_data(odd, who, request):
    api = request.getfixturevalue(who)
    plain = _plain_page(api.get("/api/instruments/", {"page_size": 100}))
    order = ("partner__name", "type", "key")
    assert plain == _drf_page(InstrumentSerializer, instrument_detail().order_by(*order))
