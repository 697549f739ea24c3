"""The partner and instrument API lists read a page's related rows as plain lists and their
fields by plain attribute access: the partners show what their records say, and the
instruments answer, byte for byte, what DRF's own reading of every field through related
managers answers."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from liaison.core.api.serializers import PlainReadSerializerMixin
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
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def register(db):
    """Partners with none, one or two regions and instruments, an EU-side party, aliases,
    undated and dated events, cited and uncited records."""
    eu_body = PartnerFactory(kind="eu_body", code="EUB", name="An EU body")
    regions = [RegionFactory() for _ in range(3)]
    source, other = SourceFactory(), SourceFactory()
    for n in range(7):
        partner = PartnerFactory(aliases=[f"Alias {n}"] if n % 2 else [])
        partner.regions.add(*regions[: n % 3])
        if n % 3 == 0:
            cite(partner, source)
        for m in range(n % 3):
            instrument = InstrumentFactory(
                partner=partner, eu_party=eu_body if m else None, strategic=bool(n % 2)
            )
            cite(instrument, source)
            if n % 2:
                cite(instrument, other, location="Art. 2")
            add_event(instrument, "signed", date=datetime.date(2018, 3, n + 1), source=other)
            if m == 0:
                add_event(instrument, "in_force", date=None, source=source)


def _drf_reading():
    return mock.patch.object(
        PlainReadSerializerMixin, "to_representation", serializers.Serializer.to_representation
    )


def _drf_page(serializer_class, queryset, **context):
    """The page as DRF reads it from Django's prefetched records, field by field."""
    with _drf_reading():
        return JSONRenderer().render(serializer_class(queryset, many=True, context=context).data)


def _plain_page(response):
    assert response.status_code == 200
    return JSONRenderer().render(response.json()["results"])


def _recorded(partners, on):
    """Each partner's regions and instruments (key, status on `on`) as its records say."""
    return [
        (
            partner.code,
            sorted(region.code for region in partner.regions.all()),
            sorted(
                (instrument.key, instrument.status_on(on))
                for instrument in partner.instruments.all()
            ),
        )
        for partner in partners
    ]


def _shown(rows):
    return [
        (
            row["code"],
            sorted(row["regions"]),
            sorted((instrument["key"], instrument["status"]) for instrument in row["instruments"]),
        )
        for row in rows
    ]


@pytest.mark.parametrize("as_of", [None, datetime.date(2018, 3, 3)])
def test_the_partner_list_shows_each_partner_as_recorded(register, api_alice, as_of):
    query = {"page_size": 100, **({"as_of": as_of.isoformat()} if as_of else {})}
    rows = api_alice.get("/api/partners/", query).json()["results"]
    assert _shown(rows) == _recorded(Partner.objects.order_by("name"), as_of)
    assert "signed" in {i["status"] for row in rows for i in row["instruments"]}


def test_a_later_page_of_partners_is_the_next_partners_by_name(register, api_alice):
    rows = api_alice.get("/api/partners/", {"page_size": 3, "page": 2}).json()["results"]
    assert _shown(rows) == _recorded(Partner.objects.order_by("name")[3:6], None)


def test_the_instrument_list_is_what_drf_reads(register, api_alice):
    plain = _plain_page(api_alice.get("/api/instruments/", {"page_size": 100}))
    order = ("partner__name", "type", "key")
    assert plain == _drf_page(InstrumentSerializer, instrument_detail().order_by(*order))
    assert b'"location":"Art. 2"' in plain


def test_it_shows_each_partner_its_own_regions_and_instruments(register, api_alice):
    rows = api_alice.get("/api/partners/?page_size=100").json()["results"]
    shown = {row["code"]: (len(row["regions"]), len(row["instruments"])) for row in rows}
    assert sorted(shown.values()) == sorted([(0, 0)] + [(n % 3, n % 3) for n in range(7)])
