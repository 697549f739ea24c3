"""The "How to reach" panel shows the measured figures beside each channel, for every role."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.cases.services import exchange_create
from liaison.cases.tests.conftest import make_case, partners
from liaison.contacts.selectors import channels_for

pytestmark = pytest.mark.django_db


def test_each_channel_shows_its_measured_figures(reference_data, bob_client):
    serbia = partners("RS")[0]
    today = timezone.localdate()
    kind = channels_for(partner=serbia, on=today)[0].kind
    case = make_case()
    for days in (3, 5, 9):
        sent = today - datetime.timedelta(days=60 + days)
        exchange_create(
            user=None,
            case=case,
            data={
                "partner": serbia,
                "kind": "request_for_information",
                "direction": "outgoing",
                "channel": kind,
                "data_category": "non_personal",
                "sent_on": sent,
                "answered_on": sent + datetime.timedelta(days=days),
                "outcome": "executed",
            },
        )
    page = bob_client.get(reverse("contacts:channel_list", kwargs={"code": "RS"})).content.decode()
    assert "3 requests in 12 months" in page
    assert "median answer 5 days" in page
    answer = bob_client.get("/api/partners/RS/channels/").json()
    measured = next(c["measured"] for c in answer["channels"] if c["kind"] == kind)
    assert measured["exchanges"] == 3
    assert measured["median_days_to_answer"] == 5
