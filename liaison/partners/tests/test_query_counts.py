"""Pages and API answers make as many queries for 500 partners as for 5."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    RegionFactory,
    SourceFactory,
    add_event,
    cite,
)
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def grow_register(count: int) -> None:
    """Grow the register to `count` partners, each with region, instrument, events, sources."""
    for _ in range(count - Partner.objects.count()):
        region = RegionFactory()
        source = SourceFactory()
        cite(region, source)
        partner = PartnerFactory()
        partner.regions.add(region)
        cite(partner, source)
        instrument = InstrumentFactory(partner=partner)
        cite(instrument, source)
        add_event(instrument, "signed", source=source)
        add_event(instrument, "in_force", source=source)


def grow_partner(partner: Partner, count: int) -> None:
    source = SourceFactory()
    for _ in range(count - partner.instruments.count()):
        instrument = InstrumentFactory(partner=partner)
        cite(instrument, source)
        add_event(instrument, "signed", source=source)
        network_member = PartnerFactory()
        partner.members.add(network_member)


def queries(request: Callable[[], object]) -> int:
    # Once unmeasured: a token's first use of the last 5 minutes records it (one UPDATE).
    request()
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "request_for",
    [
        lambda client, api: client.get(reverse("partners:partner_list")),
        lambda client, api: client.get(
            reverse("partners:partner_list"),
            {"instrument_status": "in_force", "search": "organisation"},
        ),
        lambda client, api: client.get(reverse("instruments:instrument_list")),
        lambda client, api: client.get(reverse("home")),
        lambda client, api: api.get("/api/partners/", {"page_size": 500}),
        lambda client, api: api.get("/api/instruments/", {"page_size": 500}),
        lambda client, api: api.get("/api/regions/", {"page_size": 500}),
        lambda client, api: api.get("/api/sources/", {"page_size": 500}),
        lambda client, api: client.get(reverse("sources:source_list")),
    ],
    ids=[
        "partner-page",
        "partner-page-filtered",
        "instrument-page",
        "home",
        "partner-api",
        "instrument-api",
        "region-api",
        "source-api",
        "source-page",
    ],
)
def test_lists_make_the_same_number_of_queries_for_5_and_500_partners(
    bob_client, api_bob, request_for
):
    grow_register(5)
    few = queries(lambda: request_for(bob_client, api_bob))
    grow_register(500)
    many = queries(lambda: request_for(bob_client, api_bob))
    assert few == many


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_partner_detail_makes_the_same_number_of_queries_for_5_and_50_instruments(
    bob_client, api_bob, door
):
    partner = PartnerFactory(kind="judicial_network")
    cite(partner)
    fetch = {
        "page": lambda: bob_client.get(
            reverse("partners:partner_detail", kwargs={"code": partner.code})
        ),
        "api": lambda: api_bob.get(f"/api/partners/{partner.code}/"),
    }[door]
    grow_partner(partner, 5)
    few = queries(fetch)
    grow_partner(partner, 50)
    many = queries(fetch)
    assert few == many


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_instrument_detail_makes_the_same_number_of_queries_for_2_and_40_events(
    bob_client, api_bob, door
):
    instrument = InstrumentFactory()
    cite(instrument)
    fetch = {
        "page": lambda: bob_client.get(
            reverse("instruments:instrument_detail", kwargs={"pk": instrument.pk})
        ),
        "api": lambda: api_bob.get(f"/api/instruments/{instrument.pk}/"),
    }[door]
    for _ in range(2):
        add_event(instrument, "renewed")
    few = queries(fetch)
    for _ in range(38):
        add_event(instrument, "renewed")
    many = queries(fetch)
    assert few == many


def test_a_source_page_makes_the_same_number_of_queries_for_5_and_60_citations(bob_client):
    source = SourceFactory()
    fetch = lambda: bob_client.get(reverse("sources:source_detail", kwargs={"key": source.key}))  # noqa: E731

    def cite_more(count: int) -> None:
        for _ in range(count):
            instrument = InstrumentFactory()
            cite(instrument, source)
            cite(add_event(instrument), source)
            cite(instrument.partner, source)

    cite_more(2)
    few = queries(fetch)
    cite_more(20)
    assert queries(fetch) == few
