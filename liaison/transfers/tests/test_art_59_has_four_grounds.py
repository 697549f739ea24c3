"""Art. 59(1) of Regulation (EU) 2018/1727 has four derogation grounds, (a) to (d). "Legal
claims" is not one of them (legal-basis.md, corrected after a legal review): a transfer on
that ground is refused as an unknown ground on every door, and the balancing statement
belongs to ground (d) alone."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from liaison.transfers.models import TransferAssessment
from liaison.transfers.rules import (
    GROUNDS_NEEDING_BALANCING,
    PartnerFacts,
    TransferRequest,
    assess,
)
from liaison.transfers.tests.conftest import NECESSITY

FOUR_GROUNDS = (
    "vital_interests",
    "data_subject_legitimate_interests",
    "public_security_threat",
    "individual_case_tasks",
)
NIGERIA = PartnerFacts(
    code="NG", name="Nigeria", kind="country", competent_in_criminal_matters=True
)
DEROGATION = {
    "data_category": "operational_personal_data",
    "necessity": NECESSITY,
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "originating_member_state": "FR",
    "member_state_authorisation": "prior",
    "justification": "Needed in this one case to locate a victim.",
}


def on_legal_claims(**fields: object) -> TransferRequest:
    base = TransferRequest(
        data_category="operational_personal_data",
        as_of=datetime.date(2026, 1, 15),
        necessity=NECESSITY,
        receiving_authority="Economic and Financial Crimes Commission",
        receiving_authority_competent=True,
        originating_member_state="FR",
        member_state_authorisation="prior",
        derogation="legal_claims",
        justification="A claim.",
        rights_balancing="The data subject's rights do not override the public interest.",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_the_engine_refuses_legal_claims_as_an_unknown_ground_naming_the_four() -> None:
    with pytest.raises(ValueError) as refused:
        assess(NIGERIA, on_legal_claims())
    for ground in FOUR_GROUNDS:
        assert ground in str(refused.value)


def test_only_ground_d_needs_a_balancing_statement() -> None:
    assert frozenset({"individual_case_tasks"}) == GROUNDS_NEEDING_BALANCING
    vital = assess(NIGERIA, on_legal_claims(derogation="vital_interests", rights_balancing=""))
    assert vital.decision == "allowed_with_conditions"
    unbalanced = assess(
        NIGERIA, on_legal_claims(derogation="individual_case_tasks", rights_balancing="")
    )
    assert unbalanced.decision == "refused"


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data_module")
def test_the_api_answers_400_listing_the_four_grounds(api_alice):
    response = api_alice.post(
        "/api/transfer-assessments/",
        {
            "partner": "NG",
            **DEROGATION,
            "derogation": "legal_claims",
            "rights_balancing": "Rights do not override.",
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    message = " ".join(response.json()["derogation"])
    for ground in FOUR_GROUNDS:
        assert ground in message
    assert not TransferAssessment.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data_module")
def test_the_web_form_does_not_offer_it_and_refuses_it(carol_client):
    form = carol_client.get("/transfer-assessments/new/?partner=NG").content.decode()
    assert 'value="legal_claims"' not in form
    response = carol_client.post(
        "/transfer-assessments/new/",
        {"partner": "NG", **DEROGATION, "derogation": "legal_claims"},
    )
    assert response.status_code == 400
    assert "derogation" in response.context["form"].errors
    assert not TransferAssessment.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data_module")
def test_the_command_line_refuses_it(carol):
    with pytest.raises(CommandError):
        call_command(
            "assess_transfer",
            "--partner",
            "NG",
            "--data",
            "operational_personal_data",
            "--necessity",
            NECESSITY,
            "--derogation",
            "legal_claims",
            "--justification",
            "A claim.",
            "--user",
            "carol",
            stdout=io.StringIO(),
        )
    assert not TransferAssessment.objects.exists()
