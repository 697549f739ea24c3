"""A contact point's details, asked about through the API, the "May we send this?" form and
`liaison assess-transfer`, on the shipped reference data: answered under EUDPR Chapter V,
recorded in the same append-only register, read with an access-log entry."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from liaison.core.models import AccessLogEntry
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.models import Partner
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import COMPETENT_AUTHORITY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]

AS_OF = "2025-06-01"
TASK = "To send the invitation to the annual meeting of contact points."
ADMINISTRATIVE = {"data_category": "administrative_personal_data", "as_of": AS_OF}
ART_47 = "Art. 47 of Regulation (EU) 2018/1725"
REMAINING = (
    "Art. 48(2)(a) of Regulation (EU) 2018/1725",
    "Art. 48(3)(b) of Regulation (EU) 2018/1725",
    "Art. 50 of Regulation (EU) 2018/1725",
)


def ask(api: Any, partner: str, **fields: Any) -> dict[str, Any]:
    body = {"partner": partner, **ADMINISTRATIVE, "necessity": TASK, **fields}
    response = api.post("/api/transfer-assessments/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def japan() -> Partner:
    """Japan is not in the register: a partner with its private-sector adequacy decision."""
    partner = Partner.objects.create(code="JP", kind="country", name="Japan")
    decision = Instrument.objects.create(
        key="jp-adequacy-decision-test",
        partner=partner,
        type="adequacy_decision",
        eu_party=Partner.objects.get(code="COM"),
        title="Adequacy decision for Japan (business operators)",
        adequacy_act="gdpr_45",
        adequacy_scope="private_sector_only",
    )
    InstrumentEvent.objects.create(
        instrument=decision, kind="adopted", date=datetime.date(2019, 1, 23)
    )
    return partner


def authorise_nigerias_working_arrangement() -> Instrument:
    arrangement = Instrument.objects.get(key="ng-working-arrangement")
    arrangement.edps_authorisation_reference = "EDPS 2024-0917"
    arrangement.edps_authorised_on = datetime.date(2024, 3, 4)
    arrangement.full_clean()
    arrangement.save()
    return arrangement


@pytest.mark.parametrize(
    ("partner", "sector", "decision", "route", "instrument_key"),
    [
        ("CH", "public", "allowed", "eudpr_adequacy", "ch-adequacy-decision"),
        ("GB", "public", "allowed", "eudpr_adequacy", "gb-gdpr-adequacy-decision"),
        ("CA", "public", "refused", None, None),
        ("CA", "private", "allowed_with_conditions", "eudpr_adequacy", "ca-adequacy-decision"),
        ("US", "public", "refused", None, None),
        ("INTERPOL", None, "refused", None, None),
        ("IL", "public", "referred", None, None),
    ],
)
def test_the_api_answers_the_scenarios_of_section_9(
    api_carol, partner, sector, decision, route, instrument_key
):
    answer = ask(api_carol, partner, recipient_sector=sector)
    assert answer["decision"] == decision, answer
    assert answer["route"] == route
    if instrument_key:
        relied_on = {r["key"] for r in answer["instruments_relied_on"] if r["relied_on"]}
        assert relied_on == {instrument_key}
        assert answer["legal_bases"][0]["provision"] == ART_47
        # The decisions' facts are loaded as unverified: every basis says so.
        assert answer["legal_bases"][0]["unverified"] is True
    if decision == "refused":
        for citation in REMAINING:
            assert any(citation in item for item in answer["missing"]), citation
    assert answer["recipient_sector"] == sector


def test_a_canadian_ministry_is_refused_and_switzerland_allowed_under_art_47(api_carol):
    canada = ask(api_carol, "CA", recipient_sector="public")
    [reason] = [r for r in canada["reasons"] if r["code"] == "adequacy_not_covering"]
    assert "private organisations only" in reason["text"]
    assert reason["provision"] == ART_47
    switzerland = ask(api_carol, "CH", recipient_sector="public")
    assert switzerland["legal_bases"][0]["route"] == "eudpr_adequacy"


def test_the_api_answers_japan_by_sector(api_carol):
    japan()
    assert ask(api_carol, "JP", recipient_sector="public")["decision"] == "refused"
    assert ask(api_carol, "JP", recipient_sector="private")["route"] == "eudpr_adequacy"


def test_an_edps_authorised_arrangement_is_a_basis_from_its_authorisation(api_carol):
    arrangement = authorise_nigerias_working_arrangement()
    answer = ask(api_carol, "NG")
    assert answer["decision"] == "allowed"
    assert answer["route"] == "eudpr_authorised_arrangement"
    assert answer["legal_bases"][0]["instrument"]["id"] == arrangement.pk
    assert any("EDPS 2024-0917" in reason["text"] for reason in answer["reasons"])
    before = ask(api_carol, "NG", as_of="2024-03-03")
    assert before["decision"] == "refused"
    # Operational data still cannot rest on a working arrangement (Art. 47(3)).
    operational = ask(
        api_carol, "NG", data_category="operational_personal_data", **COMPETENT_AUTHORITY
    )
    assert operational["decision"] == "refused"


def test_the_api_records_a_derogation_with_its_conditions(api_carol):
    answer = ask(
        api_carol,
        "RS",
        eudpr_derogation="vital_interests",
        eudpr_conditions=["subject_cannot_consent", "vital_interests_necessary"],
        justification="The contact point's family must be reached after an accident.",
    )
    assert answer["decision"] == "allowed_with_conditions"
    assert answer["route"] == "eudpr_derogation"
    assessment = TransferAssessment.objects.get(pk=answer["id"])
    assert assessment.eudpr_derogation == "vital_interests"
    assert assessment.eudpr_conditions == ["vital_interests_necessary", "subject_cannot_consent"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("recipient_sector", "ngo"),
        ("eudpr_derogation", "legitimate_interests"),
        ("eudpr_conditions", ["consent"]),
    ],
)
def test_an_unknown_code_is_a_400_and_records_nothing(api_carol, field, value):
    body = {"partner": "CH", **ADMINISTRATIVE, field: value}
    response = api_carol.post("/api/transfer-assessments/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not TransferAssessment.objects.exists()


def test_the_form_asks_the_sector_and_shows_the_refusal_with_what_remains(carol_client):
    new = reverse("transfers:assessment_create")
    questions = carol_client.get(
        new, {"data_category": "administrative_personal_data"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    for name in ("necessity", "recipient_sector", "eudpr_derogation", "eudpr_conditions"):
        assert f'name="{name}"' in questions
    response = carol_client.post(
        new,
        {
            "partner": "CA",
            **ADMINISTRATIVE,
            "necessity": TASK,
            "recipient_sector": "public",
        },
        follow=True,
    )
    assessment = TransferAssessment.objects.get()
    assert (assessment.decision, assessment.recipient_sector) == ("refused", "public")
    page = response.content.decode()
    assert "Art. 48(3)(b) of Regulation (EU) 2018/1725" in page
    assert AccessLogEntry.objects.filter(username="carol", object_id=str(assessment.pk)).exists()


def test_the_form_records_the_derogations_justification(carol_client):
    response = carol_client.post(
        reverse("transfers:assessment_create"),
        {
            "partner": "RS",
            **ADMINISTRATIVE,
            "eudpr_derogation": "defence_of_legal_claims",
            "eudpr_conditions": ["legal_claims_necessary"],
            "eudpr_justification": "The contact point is a witness in the agency's lawsuit.",
        },
    )
    assessment = TransferAssessment.objects.get()
    assert response.status_code == 302
    assert assessment.decision == "allowed_with_conditions"
    assert assessment.justification == "The contact point is a witness in the agency's lawsuit."


def cli(*arguments: str) -> str:
    out = io.StringIO()
    call_command("assess_transfer", *arguments, stdout=out)
    return out.getvalue()


def test_the_command_answers_a_ministry_in_canada_and_one_in_switzerland(carol):
    common = ["--data", "administrative_personal_data", "--as-of", AS_OF, "--user", "carol"]
    canada = cli("--partner", "CA", "--recipient-sector", "public", "--necessity", TASK, *common)
    assert canada.startswith("REFUSED: administrative personal data")
    assert "Art. 48(2)(a)" in canada and "Art. 50 of Regulation (EU) 2018/1725" in canada
    swiss = json.loads(
        cli(
            "--partner",
            "CH",
            "--recipient-sector",
            "public",
            "--necessity",
            TASK,
            "--json",
            *common,
        )  # fmt: skip
    )
    assert (swiss["decision"], swiss["route"]) == ("allowed", "eudpr_adequacy")
    derogation = json.loads(
        cli(
            "--partner",
            "RS",
            "--eudpr-derogation",
            "explicit_consent",
            "--eudpr-condition",
            "consent_after_risks",
            "--eudpr-condition",
            "not_public_powers",
            "--justification",
            "She asked us to pass her details on.",
            "--json",
            *common,
        )  # fmt: skip
    )
    assert derogation["route"] == "eudpr_derogation"
    assert TransferAssessment.objects.count() == 3
