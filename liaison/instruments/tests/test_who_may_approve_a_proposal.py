"""Who may approve a proposed change to a legal basis, asked at every door.

The people below are described by what they are to the proposal, not by the code that
decides: for each, the same answer must come from the rule itself, the proposal's page
(whether it offers an Approve button), the web form's POST and the API's POST. The
administration shows proposals read only and offers no approval at all.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from conftest import PASSWORD, make_persona
from liaison.core import roles
from liaison.core.history import history_actor
from liaison.instruments.models import ChangeProposal, InstrumentEvent
from liaison.instruments.permissions import may_approve
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event

pytestmark = [pytest.mark.django_db]

APPROVE_BUTTON = ">Approve</button>"

# Who asks, and what they must be told. "approves": the change is applied. "role": their role
# may not approve at all (403 from both doors). Otherwise a refusal about this proposal or
# this person (the web page says it, the API answers 400) containing the words given.
PEOPLE: dict[str, tuple[str, str]] = {
    "a cooperation officer nobody involved set up": ("approves", ""),
    "another administrator": ("approves", ""),
    "the administrator who proposed it": ("refused", "second person"),
    "a second account the proposer created": ("refused", "independent"),
    "a colleague the proposer gave the role to": ("refused", "independent"),
    "a viewer": ("role", ""),
    "a case officer": ("role", ""),
    "the data protection officer": ("role", ""),
    "someone without a role": ("role", ""),
}


@pytest.fixture
def proposer(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "erin")


@pytest.fixture
def proposal(proposer: Any) -> ChangeProposal:
    """An agreement that can carry personal data, signed; its entry into force proposed (before
    12 December 2019, as a cooperation agreement's must be)."""
    instrument = InstrumentFactory(type="cooperation_agreement")
    add_event(instrument, "signed", date=datetime.date(2019, 3, 1))
    made = instrument_transition(
        instrument=instrument,
        event_kind="in_force",
        date=datetime.date(2019, 6, 1),
        source=SourceFactory(),
        user=proposer,
    )
    assert isinstance(made, ChangeProposal)
    return made


def _person(who: str, proposer: Any, django_user_model: Any) -> Any:
    def with_role(name: str, role: str | None) -> Any:
        user = django_user_model.objects.create_user(name, password=PASSWORD)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    if who == "a cooperation officer nobody involved set up":
        return with_role("olga", roles.COOPERATION_OFFICER)
    if who == "another administrator":
        return with_role("ada", roles.ADMINISTRATOR)
    if who == "the administrator who proposed it":
        return proposer
    if who == "a second account the proposer created":
        with history_actor(proposer):
            return with_role("erin-again", roles.COOPERATION_OFFICER)
    if who == "a colleague the proposer gave the role to":
        colleague = with_role("pavel", None)
        with history_actor(proposer):
            colleague.groups.add(Group.objects.get(name=roles.COOPERATION_OFFICER))
        return colleague
    if who == "a viewer":
        return make_persona(django_user_model, "bob")
    if who == "a case officer":
        return make_persona(django_user_model, "carol")
    if who == "the data protection officer":
        return make_persona(django_user_model, "dave")
    assert who == "someone without a role"
    return make_persona(django_user_model, "nora")


def _applied(proposal: ChangeProposal) -> bool:
    proposal.refresh_from_db()
    applied = InstrumentEvent.objects.filter(instrument=proposal.instrument, kind="in_force")
    return proposal.status == "approved" and applied.exists()


@pytest.mark.parametrize("who", PEOPLE)
def test_the_rule_answers(who, proposal, proposer, django_user_model):
    person = _person(who, proposer, django_user_model)
    expected, words = PEOPLE[who]
    refusal = may_approve(person, proposal)
    assert (refusal is None) == (expected == "approves")
    if words:
        assert words in str(refusal)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_page_offers_the_button_exactly_to_those_who_may(
    who, proposal, proposer, django_user_model, client
):
    person = _person(who, proposer, django_user_model)
    client.force_login(person)
    page = client.get(f"/instruments/proposals/{proposal.pk}/")
    shown = page.status_code == 200 and APPROVE_BUTTON in page.content.decode()
    assert shown == (PEOPLE[who][0] == "approves")


@pytest.mark.parametrize("who", PEOPLE)
def test_the_web_form_approves_or_refuses(who, proposal, proposer, django_user_model, client):
    person = _person(who, proposer, django_user_model)
    expected, words = PEOPLE[who]
    client.force_login(person)
    response = client.post(f"/instruments/proposals/{proposal.pk}/approve/", follow=True)
    if expected == "role":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert words in response.content.decode()
    assert _applied(proposal) == (expected == "approves")


@pytest.mark.parametrize("who", PEOPLE)
def test_the_api_approves_or_refuses(who, proposal, proposer, django_user_model):
    person = _person(who, proposer, django_user_model)
    expected, words = PEOPLE[who]
    api = APIClient()
    api.force_authenticate(person)
    response = api.post(f"/api/proposals/{proposal.pk}/approve/")
    status = {"approves": 200, "refused": 400, "role": 403}[expected]
    assert response.status_code == status, response.content
    assert words in str(response.json())
    assert _applied(proposal) == (expected == "approves")


def test_once_decided_nobody_is_offered_it_or_may_approve_it_again(
    proposal, proposer, django_user_model, client
):
    first = _person("another administrator", proposer, django_user_model)
    second = _person("a cooperation officer nobody involved set up", proposer, django_user_model)
    api = APIClient()
    api.force_authenticate(first)
    assert api.post(f"/api/proposals/{proposal.pk}/approve/").status_code == 200

    proposal.refresh_from_db()
    assert may_approve(second, proposal) is not None
    client.force_login(second)
    assert (
        APPROVE_BUTTON not in client.get(f"/instruments/proposals/{proposal.pk}/").content.decode()
    )
    api.force_authenticate(second)
    again = api.post(f"/api/proposals/{proposal.pk}/approve/")
    assert again.status_code == 400
    assert "already" in str(again.json())
    proposal.refresh_from_db()
    assert proposal.decided_by == first


def test_the_administration_offers_no_way_to_approve(proposal, django_user_model, client):
    client.force_login(_person("another administrator", None, django_user_model))
    url = f"/admin/instruments/changeproposal/{proposal.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    refused = client.post(url, {"status": "approved"})
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"
