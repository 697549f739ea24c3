"""The proposer of a change is not offered to approve it: only a second person is."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group

from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event

pytestmark = [pytest.mark.django_db]

APPROVE = ">Approve</button>"
REJECT = ">Reject</button>"


@pytest.fixture
def proposal(alice: Any) -> Any:
    instrument = InstrumentFactory(type="cooperation_agreement")
    add_event(instrument, "signed", date=datetime.date(2019, 1, 1))
    return instrument_transition(
        instrument=instrument,
        event_kind="in_force",
        date=datetime.date(2019, 12, 1),
        source=SourceFactory(),
        user=alice,
    )


def page_for(client: Any, user: Any, proposal: Any) -> str:
    client.force_login(user)
    response = client.get(f"/instruments/proposals/{proposal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_proposer_sees_no_approve_button_but_may_withdraw(client, alice, proposal):
    html = page_for(client, alice, proposal)
    assert APPROVE not in html
    assert ">Withdraw</button>" in html
    assert "a colleague must approve it" in html


def test_a_second_officer_sees_the_approve_button(client, django_user_model, proposal):
    olga = django_user_model.objects.create_user("olga")
    olga.groups.add(Group.objects.get(name="cooperation_officer"))
    html = page_for(client, olga, proposal)
    assert APPROVE in html
    assert REJECT in html


def test_the_list_offers_no_approve_button_to_anyone(client, alice, proposal):
    client.force_login(alice)
    html = client.get("/instruments/proposals/").content.decode()
    assert APPROVE not in html


def test_the_api_refuses_the_proposers_approval(api_alice, proposal):
    response = api_alice.post(f"/api/proposals/{proposal.pk}/approve/")
    assert response.status_code == 400
    assert "second person" in str(response.json())
    proposal.refresh_from_db()
    assert proposal.status == "pending"
