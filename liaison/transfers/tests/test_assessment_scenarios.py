"""The scenarios of legal-basis.md (sections 2 to 5), asked through the API on the shipped
reference data, as an officer would ask them."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.instruments.models import Instrument
from liaison.transfers.models import TransferAssessment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]

AS_OF = "2025-06-01"


def ask(api: Any, partner: str, **fields: Any) -> dict[str, Any]:
    response = api.post("/api/transfer-assessments/", {"partner": partner, **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def instrument_id(key: str) -> int:
    return Instrument.objects.get(key=key).pk


def test_it_allows_the_united_kingdom_on_the_agreement_then_the_adequacy_decision(
    api_carol, operational
):
    answer = ask(api_carol, "GB", as_of=AS_OF, **operational)
    assert answer["decision"] == "allowed"
    assert answer["route"] == "international_agreement"
    assert [(basis["route"], basis["instrument"]["id"]) for basis in answer["legal_bases"]] == [
        ("international_agreement", instrument_id("gb-trade-and-cooperation-agreement")),
        ("adequacy_decision", instrument_id("gb-adequacy-decision")),
    ]
    assert answer["legal_bases"][0]["provision"] == "Art. 56(2)(c) of Regulation (EU) 2018/1727"
    assert answer["missing"] == []
    assert (answer["partner"], answer["as_of"], answer["requested_by"]) == ("GB", AS_OF, "carol")
    assert {record["key"]: record["relied_on"] for record in answer["instruments_relied_on"]} == {
        "gb-trade-and-cooperation-agreement": True,
        "gb-adequacy-decision": True,
        # The GDPR decision opens administrative transfers only (legal-basis.md 8.6).
        "gb-gdpr-adequacy-decision": False,
    }


def test_it_refuses_nigeria_naming_its_working_arrangement_and_the_routes_still_open(
    api_carol, operational
):
    answer = ask(api_carol, "NG", as_of=AS_OF, **operational)
    assert answer["decision"] == "refused"
    assert answer["legal_bases"] == [] and answer["route"] is None
    [arrangement] = [r for r in answer["reasons"] if r["code"] == "not_a_basis"]
    assert arrangement["text"] == (
        "Strategic working arrangement between Eurojust and Nigeria, in force since "
        "9 November 2023: not a legal basis for personal data "
        "(Art. 47(3) of Regulation (EU) 2018/1727)."
    )
    assert arrangement["provision"] == "Art. 47(3) of Regulation (EU) 2018/1727"
    assert any("Art. 58(1)(b)" in item for item in answer["missing"])
    assert any("Art. 59 of" in item for item in answer["missing"])
    recorded = TransferAssessment.objects.get(pk=answer["id"])
    assert recorded.decision == "refused"  # a refusal is recorded too


def test_it_allows_serbia_on_its_cooperation_agreement_of_before_2019(api_carol, operational):
    answer = ask(api_carol, "RS", as_of=AS_OF, **operational)
    assert answer["decision"] == "allowed"
    [basis] = answer["legal_bases"]
    assert basis["route"] == "cooperation_agreement"
    assert basis["provision"] == "Art. 56(2)(b) and Art. 80(5) of Regulation (EU) 2018/1727"
    assert basis["instrument"]["title"] == "Cooperation agreement between Eurojust and Serbia"


def test_it_refuses_core_crimes_evidence_for_the_icc_without_the_providers_approval(
    api_carol, operational
):
    answer = ask(
        api_carol,
        "ICC",
        as_of=AS_OF,
        core_international_crimes_evidence=True,
        safeguards_self_assessment=True,
        **operational,
    )
    assert answer["decision"] == "refused"
    assert any(r["code"] == "core_crimes_not_approved" for r in answer["reasons"])
    assert any(item.startswith("Approval of the State") for item in answer["missing"])


def test_it_allows_core_crimes_evidence_for_the_icc_on_a_self_assessment_with_conditions(
    api_carol, operational
):
    answer = ask(
        api_carol,
        "ICC",
        as_of=AS_OF,
        core_international_crimes_evidence=True,
        provider_approval=True,
        safeguards_self_assessment=True,
        **operational,
    )
    assert answer["decision"] == "allowed_with_conditions"
    assert answer["route"] == "safeguards_self_assessment"
    [basis] = answer["legal_bases"]
    assert basis["instrument"] is None and basis["unverified"]
    assert len(answer["conditions"]) == 2
    assert any("EDPS" in condition for condition in answer["conditions"])
    # The planned ICC agreement is named, not relied on.
    [record] = answer["instruments_relied_on"]
    assert (record["key"], record["status"], record["relied_on"]) == (
        "icc-international-agreement",
        "planned",
        False,
    )


def test_it_answers_administrative_personal_data_under_eudpr_chapter_v(api_carol):
    answer = ask(api_carol, "RS", data_category="administrative_personal_data")
    # Serbia has no adequacy decision, safeguards or authorised arrangement.
    assert answer["decision"] == "refused"
    assert answer["legal_bases"] == []
    assert "Regulation (EU) 2018/1725" in answer["reasons"][0]["provision"]


def test_it_refers_operational_data_for_a_member_state(api_carol, operational):
    assert ask(api_carol, "SE", **operational)["decision"] == "referred"


def test_it_allows_non_personal_information_for_any_partner(api_carol):
    answer = ask(api_carol, "NG", data_category="non_personal")
    assert answer["decision"] == "allowed"
    assert answer["route"] == "non_personal_exchange"
    assert answer["legal_bases"][0]["provision"] == "Art. 47(2) of Regulation (EU) 2018/1727"


def test_it_refuses_albania_as_of_a_date_before_its_agreement_came_into_force(
    api_carol, operational
):
    before = ask(api_carol, "AL", as_of="2019-06-01", **operational)
    after = ask(api_carol, "AL", as_of="2020-01-01", **operational)
    assert before["decision"] == "refused"
    [idle] = [r["text"] for r in before["reasons"] if r["code"] == "instrument_not_in_force"]
    assert idle.startswith(
        "Cooperation agreement between Eurojust and Albania, signed on 5 October 2018, "
        "not in force on 1 June 2019"
    )
    assert before["instruments_relied_on"][0]["status"] == "signed"
    assert after["decision"] == "allowed"
    assert after["route"] == "cooperation_agreement"


def test_it_leaves_out_an_instrument_that_did_not_exist_yet(api_carol, operational):
    answer = ask(api_carol, "RS", as_of="2019-01-01", **operational)
    assert answer["decision"] == "refused"
    assert answer["instruments_relied_on"] == []


def test_it_refuses_a_partner_not_competent_in_criminal_matters(api_carol, operational):
    answer = ask(api_carol, "UNODC", safeguards_self_assessment=True, **operational)
    assert answer["decision"] == "refused"
    assert any(r["code"] == "partner_not_competent" for r in answer["reasons"])


def test_it_allows_an_urgent_transfer_without_authorisation_and_asks_to_inform_the_state(
    api_carol, operational
):
    answer = ask(
        api_carol,
        "RS",
        originating_member_state="se",
        member_state_authorisation="none",
        urgent_threat=True,
        authorisation_not_in_time=True,
        **operational,
    )
    assert answer["decision"] == "allowed_with_conditions"
    assert answer["originating_member_state"] == "SE"
    assert answer["follow_ups"] and answer["conditions"]


def test_it_allows_a_derogation_only_with_a_justification_and_for_d_a_balancing(
    api_carol, operational
):
    ground = {"derogation": "individual_case_tasks", "justification": "A child's life is at risk."}
    without = ask(api_carol, "NG", **ground, **operational)
    balanced = ask(
        api_carol, "NG", rights_balancing="Rights do not override.", **ground, **operational
    )
    assert without["decision"] == "refused"
    assert balanced["decision"] == "allowed_with_conditions"
    assert balanced["route"] == "derogation"


def test_it_marks_what_rests_on_unverified_sources(api_carol, operational):
    answer = ask(api_carol, "IBERRED", **operational)
    [memorandum] = [r for r in answer["reasons"] if r["code"] == "not_a_basis"]
    assert memorandum["unverified"]
    assert answer["instruments_relied_on"][0]["unverified"]
    serbia = ask(api_carol, "RS", **operational)
    assert not serbia["instruments_relied_on"][0]["unverified"]


def test_it_keeps_the_version_of_each_instrument_record_it_relied_on(api_carol, operational):
    first = ask(api_carol, "RS", as_of=AS_OF, **operational)
    instrument = Instrument.objects.get(key="rs-cooperation-agreement")
    event = instrument.events.get(kind="in_force")
    event.note = "Checked against the Official Journal."
    event.save()
    second = ask(api_carol, "RS", as_of=AS_OF, **operational)
    [before], [after] = first["instruments_relied_on"], second["instruments_relied_on"]
    assert before["id"] == after["id"] == instrument.pk
    assert len(before["version"]) == 16
    assert before["version"] != after["version"]
    assert TransferAssessment.objects.get(pk=first["id"]).instruments_relied_on == [before]
