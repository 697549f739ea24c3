"""Pages and API answers make as many queries for 500 partners as for 5."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import token_key
from liaison.core import roles
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
    # A token's first use writes when it was used (then at most every few minutes): pin
    # the steady state, not that write.
    request()
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured)


LIST_REQUESTS: dict[str, Callable[[Client, APIClient], Any]] = {
    "partner-page": lambda client, api: client.get(reverse("partners:partner_list")),
    "partner-page-filtered": lambda client, api: client.get(
        reverse("partners:partner_list"),
        {"instrument_status": "in_force", "search": "organisation"},
    ),
    "instrument-page": lambda client, api: client.get(reverse("instruments:instrument_list")),
    "home": lambda client, api: client.get(reverse("home")),
    "partner-api": lambda client, api: api.get("/api/partners/", {"page_size": 500}),
    "instrument-api": lambda client, api: api.get("/api/instruments/", {"page_size": 500}),
    "region-api": lambda client, api: api.get("/api/regions/", {"page_size": 500}),
    "source-api": lambda client, api: api.get("/api/sources/", {"page_size": 500}),
    "source-page": lambda client, api: client.get(reverse("sources:source_list")),
}


@pytest.fixture(scope="module")
def list_queries(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, list[int]]]:
    """Each list's query count with 5 partners, then with 500: the register is grown once
    for all of them (its change history left out), and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        # A viewer of its own: the tests after these make their own personas.
        reader = get_user_model().objects.create_user("list-reader")
        reader.groups.add(Group.objects.get(name=roles.VIEWER))
        client, api = Client(), APIClient()
        client.force_login(reader)
        api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(reader)}")
        counts: dict[str, list[int]] = {name: [] for name in LIST_REQUESTS}
        with disable_auditlog():
            for size in (5, 500):
                grow_register(size)
                for name, request_for in LIST_REQUESTS.items():
                    counts[name].append(queries(partial(request_for, client, api)))
        yield counts
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", list(LIST_REQUESTS))
def test_lists_make_the_same_number_of_queries_for_5_and_500_partners(list_queries, name):
    few, many = list_queries[name]
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
