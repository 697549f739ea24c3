"""The channel and contact activity pages make as many queries for many contact points and
interactions as for a few."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from liaison.contacts.services import interaction_create, liaison_officer_create
from liaison.contacts.tests.conftest import appoint, web_client

pytestmark = [pytest.mark.django_db]


def queries(request: Callable[[], object]) -> int:
    request()
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200  # type: ignore[attr-defined]
    return len(captured)


def grow(world, contacts: int, interactions_each: int) -> None:
    """Contact points for Nigeria and for WACAP, each with interactions."""
    existing = world["nigeria"].contact_points.count()
    for number in range(existing, contacts):
        for partner in (world["nigeria"], world["wacap"]):
            contact = appoint(partner, f"Demo Contact {partner.code} {number:03d}")
            for day in range(interactions_each):
                interaction_create(
                    kind="call",
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
                    summary="Demo call",
                    contact_points=[contact],
                )


@pytest.fixture
def magistrate(world):
    return liaison_officer_create(
        kind="liaison_magistrate",
        partner=world["nigeria"],
        name="Demo Magistrate",
        started_on=datetime.date(2024, 1, 1),
    )


@pytest.mark.parametrize("who", ["bob", "carol"])
@pytest.mark.parametrize(
    "url", ["/channels/NG/", "/partners/NG/channels/", "/api/partners/NG/channels/"]
)
def test_channels_cost_the_same_for_2_and_30_contact_points(world, magistrate, who, url, request):
    user = request.getfixturevalue(who)
    if url.startswith("/api/"):
        client = APIClient()
        client.force_authenticate(user)
    else:
        client = web_client(user)
    grow(world, 2, 1)
    few = queries(lambda: client.get(url))
    grow(world, 30, 4)
    many = queries(lambda: client.get(url))
    assert few == many


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/activity/",
        "/contacts/activity/partners/",
        "/contacts/",
        "/contacts/coverage/",
        "/api/contact-points/",
    ],
)
def test_contact_activity_and_lists_cost_the_same_for_2_and_30_contact_points(world, carol, url):
    if url.startswith("/api/"):
        client = APIClient()
        client.force_authenticate(carol)
    else:
        client = web_client(carol)
    grow(world, 2, 1)
    few = queries(lambda: client.get(url))
    grow(world, 30, 4)
    many = queries(lambda: client.get(url))
    assert few == many
