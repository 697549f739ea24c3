"""The issue's "Done when" through the API: the seed-001 case, the gate refusing the notice
through Interpol and passing the warrant to Serbia, the assessment then naming the case."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from liaison.cases.models import Exchange
from liaison.cases.tests.test_seed_001_scenario import SENT
from liaison.transfers.models import TransferAssessment

pytestmark = pytest.mark.django_db

CASE = {
    "cms_reference": "2023/0412",
    "title": "Drug trafficking group steered from the Balkans",
    "crime_areas": ["drug_trafficking"],
    "member_states": ["SE"],
    "requesting_member_state": "SE",
    "partners": ["RS", "ME", "INTERPOL"],
    "opened_on": "2023-05-02",
    "tools": ["coordinated_action_day"],
}
QUESTION = {
    "data_category": "operational_personal_data",
    "as_of": SENT.isoformat(),
    "necessity": "Needed to locate and arrest the suspect.",
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "originating_member_state": "SE",
    "member_state_authorisation": "prior",
}


def test_the_seed_001_operation_through_the_api(
    reference_data,
    assessed_in_october_2023,
    carol,  # noqa: F811
):
    api = APIClient()
    api.force_authenticate(carol)
    case = api.post("/api/cases/", CASE, format="json").json()

    def ask(partner: str) -> int:
        answer = api.post(
            "/api/transfer-assessments/", {**QUESTION, "partner": partner}, format="json"
        )
        assert answer.status_code == 201, answer.json()
        return int(answer.json()["id"])

    def send(partner: str, kind: str, channel: str, assessment: int) -> object:
        return api.post(
            f"/api/cases/{case['id']}/exchanges/",
            {
                "partner": partner,
                "kind": kind,
                "direction": "outgoing",
                "channel": channel,
                "data_category": "operational_personal_data",
                "sent_on": SENT.isoformat(),
                "transfer_assessment": assessment,
            },
            format="json",
        )

    serbia = ask("RS")
    warrant = send("RS", "arrest_warrant", "liaison_prosecutor", serbia)
    assert warrant.status_code == 201, warrant.json()
    assert TransferAssessment.objects.get(pk=serbia).case_id == case["id"]

    montenegro = send("ME", "mutual_legal_assistance_request", "central_authority", ask("ME"))
    assert montenegro.status_code == 201

    interpol = ask("INTERPOL")
    notice = send("INTERPOL", "interpol_notice", "interpol", interpol)
    assert notice.status_code == 400
    missing = TransferAssessment.objects.get(pk=interpol).missing
    assert missing[0] in notice.json()["transfer_assessment"][0]
    assert not Exchange.objects.filter(partner__code="INTERPOL").exists()

    listed = api.get("/api/exchanges/", {"partner": "RS"}).json()["results"]
    assert [row["transfer_assessment"] for row in listed] == [serbia]
