"""Casework through the API: the same rules and gate as the web, filters, the viewer refused."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from liaison.cases.models import Case, Exchange
from liaison.cases.services import exchange_create, exchange_transfer_assess
from liaison.cases.tests.conftest import LAWFUL_REQUEST, make_case, partners
from liaison.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_carol(carol):
    api = APIClient()
    api.force_authenticate(carol)
    return api


def warrant(partner: str, **fields):
    body = {
        "partner": partner,
        "kind": "arrest_warrant",
        "direction": "outgoing",
        "channel": "liaison_prosecutor",
        "data_category": "operational_personal_data",
        "sent_on": timezone.localdate().isoformat(),
    }
    body.update(fields)
    return body


NEW_CASE = {
    "cms_reference": "2024/0009",
    "title": "Firearms through the Western Balkans",
    "crime_areas": ["firearms_trafficking"],
    "member_states": ["SE", "DE"],
    "requesting_member_state": "DE",
    "partners": ["RS"],
    "opened_on": "2024-03-01",
}


def test_a_case_officer_records_a_case(api_carol):
    make_case()  # creates RS
    response = api_carol.post("/api/cases/", NEW_CASE, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["partners"] == ["RS"]
    assert Case.objects.filter(cms_reference="2024/0009").exists()


def test_an_unknown_crime_area_is_a_400_naming_the_field(api_carol):
    response = api_carol.post("/api/cases/", {**NEW_CASE, "crime_areas": ["piracy"]}, format="json")
    assert response.status_code == 400
    assert "crime_areas" in response.json()


def test_the_viewer_is_refused_cases_and_exchanges(api_bob):
    make_case()
    assert api_bob.get("/api/cases/").status_code == 403
    assert api_bob.get("/api/exchanges/").status_code == 403


def test_the_viewer_reads_jits_without_their_case(api_bob):
    from liaison.cases.services import jit_create

    case = make_case()
    jit_create(data={"key": "jit-x", "name": "JIT X", "member_states": ["SE"], "case": case})
    body = api_bob.get("/api/joint-investigation-teams/jit-x/").json()
    assert body["name"] == "JIT X"
    assert body["case"] is None


def test_the_gate_refuses_through_the_api(reference_data, api_carol):
    case = make_case()
    response = api_carol.post(f"/api/cases/{case.pk}/exchanges/", warrant("RS"), format="json")
    assert response.status_code == 400
    assert "transfer_assessment" in response.json()
    assert not Exchange.objects.exists()


def test_a_refused_assessment_is_a_400_with_what_would_make_it_lawful(
    reference_data, api_carol, carol
):
    case = make_case()
    refused = exchange_transfer_assess(
        user=carol, case=case, partner_code="INTERPOL", **LAWFUL_REQUEST
    )
    response = api_carol.post(
        "/api/exchanges/",
        {
            **warrant("INTERPOL", kind="interpol_notice", channel="interpol"),
            "case": case.pk,
            "transfer_assessment": refused.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert refused.missing[0] in response.json()["transfer_assessment"][0]


def test_the_gate_allows_through_the_api(reference_data, api_carol, carol):
    case = make_case()
    allowed = exchange_transfer_assess(user=carol, case=case, partner_code="RS", **LAWFUL_REQUEST)
    response = api_carol.post(
        f"/api/cases/{case.pk}/exchanges/",
        warrant("RS", transfer_assessment=allowed.pk),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["transfer_assessment_decision"] == "allowed"
    assert response.json()["case"] == case.pk


def test_exchanges_filter_by_partner_kind_direction_status_and_overdue(api_carol, carol):
    case = make_case()
    past = timezone.localdate().replace(year=timezone.localdate().year - 1)
    late = exchange_create(
        user=carol,
        case=case,
        data={
            "partner": partners("ME")[0],
            "kind": "mutual_legal_assistance_request",
            "direction": "outgoing",
            "channel": "central_authority",
            "data_category": "non_personal",
            "sent_on": past,
            "deadline": past,
        },
    )
    answered = exchange_create(
        user=carol,
        case=case,
        data={
            "partner": partners("RS")[0],
            "kind": "request_for_information",
            "direction": "incoming",
            "channel": "liaison_prosecutor",
            "data_category": "non_personal",
            "sent_on": past,
            "answered_on": past,
            "outcome": "executed",
        },
    )

    def ids(**query):
        response = api_carol.get("/api/exchanges/", query)
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids(partner="ME") == [late.pk]
    assert ids(kind="request_for_information") == [answered.pk]
    assert ids(direction="incoming") == [answered.pk]
    assert ids(status="executed") == [answered.pk]
    assert ids(overdue="true") == [late.pk]
    assert sorted(ids(sent_from=past.isoformat())) == sorted([late.pk, answered.pk])
    case_rows = api_carol.get(f"/api/cases/{case.pk}/exchanges/", {"overdue": "true"}).json()
    assert [row["id"] for row in case_rows["results"]] == [late.pk]


def test_a_bad_filter_is_a_400(api_carol):
    assert api_carol.get("/api/exchanges/", {"kind": "telegram"}).status_code == 400
    assert api_carol.get("/api/exchanges/", {"sent_from": "yesterday"}).status_code == 400


def test_every_exchange_read_is_in_the_access_log(api_carol, carol):
    case = make_case()
    exchange_create(
        user=carol,
        case=case,
        data={
            "partner": partners("ME")[0],
            "kind": "other",
            "direction": "incoming",
            "channel": "diplomatic",
            "data_category": "non_personal",
        },
    )
    before = AccessLogEntry.objects.count()
    api_carol.get("/api/exchanges/")
    api_carol.get(f"/api/cases/{case.pk}/")
    assert AccessLogEntry.objects.count() == before + 2


def test_the_schema_documents_the_casework_operations(api_carol):
    schema = api_carol.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/cases/",
        "/api/cases/{id}/exchanges/",
        "/api/exchanges/",
        "/api/operations/",
        "/api/joint-investigation-teams/",
    ):
        assert path in schema["paths"], path
