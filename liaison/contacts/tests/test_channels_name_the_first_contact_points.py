"""A channel on a partner's page names its ten longest-appointed contact points and links to
the list of all of them; each named contact point's activity still counts the window's
interactions, and its last interaction may be older than the window."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import appoint, web_client

pytestmark = [pytest.mark.django_db]


def appoint_many(partner, number: int) -> list:
    return [
        appoint(
            partner,
            f"Demo Contact {index:02d}",
            appointed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
        )
        for index in range(number)
    ]


def test_the_partner_page_names_ten_and_links_to_all(world, carol):
    appoint_many(world["nigeria"], 13)
    page = web_client(carol).get("/partners/NG/channels/").content.decode()
    named = [
        f"Demo Contact {index:02d}" for index in range(13) if f"Demo Contact {index:02d}<" in page
    ]
    assert named == [f"Demo Contact {index:02d}" for index in range(10)]
    assert "3 more: all 13 active contact points" in page
    assert "/contacts/?partner=NG&amp;status=active" in page


def test_a_channel_with_few_contact_points_names_them_all_without_a_link(world, carol):
    appoint_many(world["nigeria"], 3)
    page = web_client(carol).get("/channels/NG/").content.decode()
    assert all(f"Demo Contact {index:02d}<" in page for index in range(3))
    assert "active contact points</a>" not in page


def test_the_api_names_every_contact_point_with_its_activity(world, carol):
    today = timezone.localdate()
    busy, quiet, silent = appoint_many(world["nigeria"], 3)
    for days in (10, 20, 30, 40):
        interaction_create(
            kind="call",
            date=today - datetime.timedelta(days=days),
            summary="Call",
            contact_points=[busy],
        )
    interaction_create(
        kind="call", date=today - datetime.timedelta(days=5), summary="Call", contact_points=[quiet]
    )
    long_ago = today - datetime.timedelta(days=800)
    interaction_create(kind="call", date=long_ago, summary="Call", contact_points=[silent])
    api = APIClient()
    api.force_authenticate(carol)
    channels = api.get("/api/partners/NG/channels/").json()["channels"]
    contacts = {
        row["name"]: row
        for channel in channels
        if channel["kind"] == "contact_point"
        for row in channel["contacts"]
    }
    assert len(contacts) == 3
    assert contacts["Demo Contact 00"]["engagement"] == "regular"
    assert (
        contacts["Demo Contact 00"]["last_interaction"]
        == (today - datetime.timedelta(days=10)).isoformat()
    )
    assert contacts["Demo Contact 01"]["engagement"] == "sporadic"
    assert contacts["Demo Contact 02"]["engagement"] == "dormant"
    assert contacts["Demo Contact 02"]["last_interaction"] == long_ago.isoformat()


def test_the_api_names_ten_says_how_many_and_links_to_all(world, carol, bob):
    from liaison.core.models import AccessLogEntry

    appoint_many(world["nigeria"], 13)
    api = APIClient()
    api.force_authenticate(carol)
    answer = api.get("/api/partners/NG/channels/").json()
    (channel,) = [c for c in answer["channels"] if c["kind"] == "contact_point"]
    assert [row["name"] for row in channel["contacts"]] == [
        f"Demo Contact {index:02d}" for index in range(10)
    ]
    assert (channel["contacts_total"], channel["contacts_more"]) == (13, 3)
    assert channel["all_contacts"].endswith("/api/contact-points/?partner=NG&status=active")
    # Only the ten named are read, so only they are in the access log.
    logged = AccessLogEntry.objects.filter(content_type__model="contactpoint")
    assert logged.values("object_id").distinct().count() == 10
    every = api.get(channel["all_contacts"]).json()
    assert every["count"] == 13
    # The viewer sees how many, not who.
    viewer = APIClient()
    viewer.force_authenticate(bob)
    (seen,) = [
        c
        for c in viewer.get("/api/partners/NG/channels/").json()["channels"]
        if c["kind"] == "contact_point"
    ]
    assert seen["contacts"] is None and seen["contacts_total"] == 13


def test_a_channel_naming_all_its_contact_points_has_no_link(world, carol):
    appoint_many(world["nigeria"], 2)
    api = APIClient()
    api.force_authenticate(carol)
    channels = api.get("/api/partners/NG/channels/").json()["channels"]
    (channel,) = [c for c in channels if c["kind"] == "contact_point"]
    assert (channel["contacts_total"], channel["contacts_more"], channel["all_contacts"]) == (
        2,
        0,
        None,
    )
