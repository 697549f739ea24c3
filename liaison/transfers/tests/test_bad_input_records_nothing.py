"""Bad input is not an assessment: a clear error naming the field, and nothing recorded."""

from __future__ import annotations

import pytest

from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.models import TransferAssessment

pytestmark = [pytest.mark.django_db]

URL = "/api/transfer-assessments/"


@pytest.fixture(autouse=True)
def serbia(db):
    return PartnerFactory(code="RS", kind="country", name="Serbia")


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"partner": "ZZ", "data_category": "non_personal"}, "partner", "ZZ"),
        ({"partner": "", "data_category": "non_personal"}, "partner", ""),
        ({"data_category": "non_personal"}, "partner", "required"),
        ({"partner": "RS"}, "data_category", "required"),
        ({"partner": "RS", "data_category": "personal"}, "data_category", "non_personal"),
        ({"partner": "RS", "data_category": None}, "data_category", "null"),
        (
            {"partner": "RS", "data_category": "non_personal", "urgent_threat": "maybe"},
            "urgent_threat",
            "boolean",
        ),
        (
            {"partner": "RS", "data_category": "non_personal", "as_of": "1 June"},
            "as_of",
            "YYYY-MM-DD",
        ),
        (
            {"partner": "RS", "data_category": "non_personal", "derogation": "consent"},
            "derogation",
            "vital_interests",
        ),
        (
            {"partner": "RS", "data_category": "non_personal", "member_state_authorisation": "yes"},
            "member_state_authorisation",
            "prior",
        ),
        (
            {"partner": "RS", "data_category": "non_personal", "originating_member_state": "RS"},
            "originating_member_state",
            "SE",
        ),
        (
            {"partner": "RS", "data_category": "non_personal", "onward_transfer_to": "NOWHERE"},
            "onward_transfer_to",
            "NOWHERE",
        ),
        ({"partner": "RS\x00", "data_category": "non_personal"}, "partner", "NUL"),
    ],
    ids=[
        "unknown-partner",
        "blank-partner",
        "no-partner",
        "no-category",
        "unknown-category",
        "null-category",
        "not-a-boolean",
        "not-a-date",
        "unknown-ground",
        "unknown-authorisation",
        "not-a-member-state",
        "unknown-onward-recipient",
        "nul-character",
    ],
)
def test_it_answers_400_naming_the_field_and_records_nothing(api_alice, body, field, says):
    response = api_alice.post(URL, body, format="json")
    assert response.status_code == 400, response.content
    problems = response.json()
    assert list(problems) == [field]
    assert says in " ".join(problems[field])
    assert not TransferAssessment.objects.exists()


def test_it_reports_every_bad_field_at_once(api_alice):
    response = api_alice.post(
        URL, {"partner": "RS", "data_category": "x", "provider_approval": 3}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"data_category", "provider_approval"}


def test_it_names_the_unknown_partner_code(api_alice):
    response = api_alice.post(
        URL, {"partner": "zz", "data_category": "non_personal"}, format="json"
    )
    assert response.json() == {
        "partner": ["There is no partner with the code “ZZ” in the register."]
    }


def test_a_body_that_is_not_an_object_is_refused(api_alice):
    response = api_alice.post(URL, ["RS", "non_personal"], format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert not TransferAssessment.objects.exists()


def test_a_partner_code_is_read_whatever_its_case(api_alice):
    response = api_alice.post(
        URL, {"partner": " rs ", "data_category": "non_personal"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["partner"] == "RS"


def test_an_as_of_date_in_the_address_is_refused_not_ignored(api_carol):
    response = api_carol.post(
        "/api/transfer-assessments/?as_of=2020-01-01",
        {"partner": "RS", "data_category": "non_personal"},
        format="json",
    )
    assert response.status_code == 400
    assert "in the body" in response.json()["as_of"][0]
    assert not TransferAssessment.objects.exists()
