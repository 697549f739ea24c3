"""Four eyes means two people: an approver whose account or roles the proposer created or
changed is not a second, independent person, so their approval is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from conftest import PASSWORD, make_persona
from liaison.core import roles
from liaison.core.history import history_actor
from liaison.instruments.models import ChangeProposal, InstrumentEvent
from liaison.instruments.tests.test_four_eyes import propose_signature

pytestmark = [pytest.mark.django_db]


def approve_through_the_api(user: Any, proposal: ChangeProposal) -> Any:
    api = APIClient()
    api.force_authenticate(user)
    return api.post(f"/api/proposals/{proposal.pk}/approve/")


def test_an_administrator_cannot_approve_through_an_account_they_made(
    bosnia_agreement, council_decision, django_user_model
):
    erin = make_persona(django_user_model, "erin")
    with history_actor(erin):
        second = django_user_model.objects.create_user("erin-too", password=PASSWORD)
        second.groups.add(Group.objects.get(name=roles.COOPERATION_OFFICER))
    proposal = propose_signature(bosnia_agreement, council_decision, erin)

    response = approve_through_the_api(second, proposal)

    assert response.status_code == 400, response.content
    assert "independent" in str(response.json())
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert not InstrumentEvent.objects.filter(instrument=bosnia_agreement, kind="signed").exists()


def test_an_administrator_cannot_approve_through_a_colleague_they_just_gave_the_role(
    bosnia_agreement, council_decision, django_user_model
):
    erin = make_persona(django_user_model, "erin")
    bob = make_persona(django_user_model, "bob")
    with history_actor(erin):
        bob.groups.add(Group.objects.get(name=roles.COOPERATION_OFFICER))
    proposal = propose_signature(bosnia_agreement, council_decision, erin)

    assert approve_through_the_api(bob, proposal).status_code == 400


def test_a_colleague_the_proposer_never_touched_approves(
    bosnia_agreement, council_decision, django_user_model
):
    erin = make_persona(django_user_model, "erin")
    alice = make_persona(django_user_model, "alice")
    proposal = propose_signature(bosnia_agreement, council_decision, erin)

    response = approve_through_the_api(alice, proposal)

    assert response.status_code == 200, response.content
    assert InstrumentEvent.objects.filter(instrument=bosnia_agreement, kind="signed").exists()


def test_the_web_page_refuses_it_too(bosnia_agreement, council_decision, django_user_model, client):
    erin = make_persona(django_user_model, "erin")
    with history_actor(erin):
        second = django_user_model.objects.create_user("erin-too", password=PASSWORD)
        second.groups.add(Group.objects.get(name=roles.COOPERATION_OFFICER))
    proposal = propose_signature(bosnia_agreement, council_decision, erin)
    client.force_login(second)

    page = client.post(f"/instruments/proposals/{proposal.pk}/approve/", follow=True)

    assert "independent" in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert not InstrumentEvent.objects.filter(instrument=bosnia_agreement, kind="signed").exists()
