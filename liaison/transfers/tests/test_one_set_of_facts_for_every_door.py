"""The channel panel, the proposal page and a recorded assessment ask the engine the same
question from the same facts: for one partner on one day they give the same answer."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from liaison.contacts.tests.conftest import appoint
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    SourceFactory,
    add_event,
)
from liaison.transfers.selectors import OUTLOOK_NECESSITY, OUTLOOK_ORIGIN

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def moldova() -> Any:
    """Moldova: Frontex's agreement in force (it binds Frontex, not the agency), and the
    agency's own agreement signed, its entry into force proposed."""
    moldova = PartnerFactory(
        code="MD", kind="country", name="Moldova", competent_in_criminal_matters=True
    )
    frontex = PartnerFactory(code="FRONTEX", kind="eu_body", name="Frontex")
    theirs = InstrumentFactory(partner=moldova, eu_party=frontex, type="cooperation_agreement")
    add_event(theirs, "signed", date=datetime.date(2014, 6, 1))
    add_event(theirs, "in_force", date=datetime.date(2015, 1, 1))
    ours = InstrumentFactory(partner=moldova, type="cooperation_agreement")
    add_event(ours, "signed", date=datetime.date(2019, 11, 4))
    appoint(moldova)
    return moldova


@pytest.fixture
def proposal(moldova: Any, alice: Any) -> Any:
    ours = moldova.instruments.get(eu_party=None)
    return instrument_transition(
        instrument=ours,
        event_kind="in_force",
        date=datetime.date(2019, 12, 1),
        source=SourceFactory(),
        user=alice,
    )


def channel_panel_answer(api: Any) -> str:
    body = api.get("/api/partners/MD/channels/").json()
    answers = {
        channel["operational_personal_data"]["decision"]
        for channel in body["channels"]
        if channel["operational_personal_data"]
    }
    assert len(answers) == 1, body
    return str(answers.pop())


def assessment_answer(api: Any, on: datetime.date) -> str:
    response = api.post(
        "/api/transfer-assessments/",
        {
            "partner": "MD",
            "data_category": "operational_personal_data",
            "as_of": on.isoformat(),
            "necessity": OUTLOOK_NECESSITY,
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
            "originating_member_state": OUTLOOK_ORIGIN,
            "member_state_authorisation": "prior",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return str(response.json()["decision"])


def proposal_page(client: Any, proposal: Any, django_user_model: Any) -> str:
    olga = django_user_model.objects.create_user("olga")
    olga.groups.add(Group.objects.get(name="cooperation_officer"))
    client.force_login(olga)
    response = client.get(f"/instruments/proposals/{proposal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_three_doors_agree_before_the_change(api_alice, client, proposal, django_user_model):
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    panel = channel_panel_answer(api_alice)
    recorded = assessment_answer(api_alice, today)
    html = proposal_page(client, proposal, django_user_model)
    # Frontex's agreement is no basis for the agency: without the change, no legal basis.
    assert panel == recorded == "refused"
    assert f"on {today:%Y-%m-%d}: “refused” would become “allowed”" in html


def test_the_proposal_page_predicts_what_the_doors_answer_once_approved(
    api_alice, client, proposal, django_user_model
):
    from liaison.instruments.services import change_proposal_approve

    html = proposal_page(client, proposal, django_user_model)
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    assert f"on {today:%Y-%m-%d}: “refused” would become “allowed”" in html
    change_proposal_approve(proposal=proposal, user=django_user_model.objects.get(username="olga"))
    assert channel_panel_answer(api_alice) == assessment_answer(api_alice, today) == "allowed"
