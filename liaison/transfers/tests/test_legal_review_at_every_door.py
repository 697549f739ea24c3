"""The corrections of the legal review (legal-basis.md, section 8) hold through the API, the
"May we send this?" form and the command line, on the shipped reference data."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from liaison.transfers.models import TransferAssessment
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]

URL = "/api/transfer-assessments/"
NEW = "/transfer-assessments/new/"
AUTHORITY = {
    "receiving_authority": "Public Prosecutor's Office of Serbia",
    "receiving_authority_competent": True,
}
OPERATIONAL = {"data_category": "operational_personal_data", "necessity": NECESSITY}


def ask(api: Any, partner: str, **fields: Any) -> Any:
    return api.post(URL, {"partner": partner, **OPERATIONAL, **fields}, format="json")


# --- The receiving authority is asked (Art. 56(1)(b) is answered for it) ------------------


def test_the_api_refuses_operational_data_without_a_receiving_authority_and_records_nothing(
    api_carol,
):
    response = ask(api_carol, "RS", as_of="2025-06-01")
    assert response.status_code == 400
    assert "Art. 56(1)(b)" in response.json()["receiving_authority"][0]
    assert not TransferAssessment.objects.exists()


def test_the_api_still_answers_non_personal_data_without_a_receiving_authority(api_carol):
    response = api_carol.post(URL, {"partner": "RS", "data_category": "non_personal"})
    assert response.status_code == 201


def test_the_api_records_the_receiving_authority_it_answered_for(api_carol):
    response = ask(api_carol, "RS", as_of="2025-06-01", **AUTHORITY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["decision"] == "allowed"
    assert body["receiving_authority"] == "Public Prosecutor's Office of Serbia"
    competent = [r for r in body["reasons"] if r["code"] == "recipient_competent"]
    assert "Public Prosecutor's Office of Serbia" in competent[0]["text"]
    # Serbia's entry into force is not recorded: its signature date stands in, and says so.
    [agreement] = body["instruments_relied_on"]
    assert agreement["status_date_is_stand_in"] is True


def test_the_form_proposes_the_partners_default_authority(carol_client):
    page = carol_client.get(NEW, {"partner": "RS"}).content.decode()
    assert 'name="receiving_authority"' in page
    assert "the authority of Serbia competent in criminal matters" in page


def test_the_form_refuses_operational_data_without_a_receiving_authority(carol_client):
    response = carol_client.post(NEW, {"partner": "RS", **OPERATIONAL})
    assert response.status_code == 400
    assert "Art. 56(1)(b)" in response.content.decode()
    assert not TransferAssessment.objects.exists()


def test_the_command_line_refuses_operational_data_without_a_receiving_authority(carol):
    with pytest.raises(CommandError, match="receiving_authority"):
        call_command(
            "assess_transfer", "--partner", "RS", "--data", "operational_personal_data",
            "--necessity", NECESSITY, "--user", "carol", stdout=StringIO(),
        )  # fmt: skip
    assert not TransferAssessment.objects.exists()


# --- Onward transfers and urgency ----------------------------------------------------------

ONWARD = {
    **AUTHORITY,
    "originating_member_state": "SE",
    "member_state_authorisation": "prior",
    "onward_transfer_to": "ME",
    "onward_transfer_authorised": True,
}


def test_the_api_refuses_an_onward_transfer_with_only_the_agencys_flag(api_carol):
    body = ask(api_carol, "RS", as_of="2025-06-01", **ONWARD).json()
    assert body["decision"] == "refused"
    assert any("Authorisation by SE of the onward transfer" in item for item in body["missing"])


def test_the_api_allows_it_with_the_states_authorisation_and_the_weighing(api_carol):
    body = ask(
        api_carol,
        "RS",
        as_of="2025-06-01",
        onward_origin_authorised=True,
        onward_weighing="Serious fraud; same purpose; Montenegro protects the data.",
        **ONWARD,
    ).json()
    assert body["decision"] == "allowed", body
    assert body["onward_origin_authorised"] is True


def test_the_form_asks_for_the_statement_that_authorisation_comes_too_late(carol_client):
    urgent = {
        "partner": "RS",
        **OPERATIONAL,
        "receiving_authority": "Public Prosecutor's Office of Serbia",
        "receiving_authority_competent": "on",
        "originating_member_state": "SE",
        "member_state_authorisation": "none",
        "urgent_threat": "on",
    }
    carol_client.post(NEW, urgent)
    carol_client.post(NEW, {**urgent, "authorisation_not_in_time": "on"})
    without, with_it = TransferAssessment.objects.order_by("pk")
    assert without.decision == "refused"
    assert with_it.decision == "allowed_with_conditions"
    assert with_it.authorisation_not_in_time


# --- Denmark (8.7) --------------------------------------------------------------------------


def test_denmark_is_not_offered_as_a_member_state_that_supplied_the_data(carol_client):
    page = carol_client.get(NEW).content.decode()
    assert 'value="SE"' in page
    assert 'value="DK"' not in page


def test_the_api_refuses_denmark_as_the_supplying_member_state_saying_why(api_carol):
    response = ask(api_carol, "RS", originating_member_state="DK", **AUTHORITY)
    assert response.status_code == 400
    assert "Denmark is not bound" in response.json()["originating_member_state"][0]
    assert not TransferAssessment.objects.exists()


# --- Provisional application of the EU-UK agreement (8.5) ---------------------------------


def test_the_uk_in_february_2021_is_referred_for_the_provisional_application(api_carol):
    body = ask(api_carol, "GB", as_of="2021-02-01", **AUTHORITY).json()
    assert body["decision"] == "referred"
    [record] = body["instruments_relied_on"]
    assert record["status"] == "provisionally_applied"
    assert record["status_since"] == "2021-01-01"


@override_settings(PROVISIONAL_APPLICATION_COUNTS=True)
def test_a_configured_policy_lets_provisional_application_count(api_carol):
    body = ask(api_carol, "GB", as_of="2021-02-01", **AUTHORITY).json()
    assert body["decision"] == "allowed"
    assert body["route"] == "international_agreement"


def test_the_uk_after_1_may_2021_rests_on_the_agreement_in_force(api_carol):
    body = ask(api_carol, "GB", as_of="2021-05-02", **AUTHORITY).json()
    assert body["decision"] == "allowed"
    assert body["instruments_relied_on"][0]["status_since"] == "2021-05-01"


# --- Citations ------------------------------------------------------------------------------


def test_the_self_assessed_transfers_page_cites_58_2_for_informing_the_edps(dave_client):
    page = dave_client.get("/transfer-assessments/self-assessed/").content.decode()
    assert "informed of (Art. 58(2)" in page
    assert "informed of (Art. 58(3))" not in page


def test_the_assessment_page_marks_a_stand_in_status_date(api_carol, carol_client):
    body = ask(api_carol, "RS", as_of="2025-06-01", **AUTHORITY).json()
    page = carol_client.get(f"/transfer-assessments/{body['id']}/").content.decode()
    assert "(stand-in date, not the recorded one)" in page
