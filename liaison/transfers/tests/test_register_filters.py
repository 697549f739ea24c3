"""The register filters by partner, decision, route, data category, asker and dates, on the
page and in the API alike."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event
from liaison.transfers.testing import assessment_record
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def register(alice, carol):
    serbia = PartnerFactory(
        code="RS", kind="country", name="Serbia", competent_in_criminal_matters=True
    )
    agreement = InstrumentFactory(partner=serbia, type="cooperation_agreement")
    add_event(agreement, "in_force", date=datetime.date(2019, 1, 1))
    PartnerFactory(code="NG", kind="country", name="Nigeria", competent_in_criminal_matters=True)
    operational = {
        "data_category": "operational_personal_data",
        "necessity": NECESSITY,
        "receiving_authority": "the public prosecution service",
        "receiving_authority_competent": True,
    }
    assessment_record(user=alice, partner_code="RS", **operational)  # allowed, agreement
    assessment_record(user=carol, partner_code="NG", **operational)  # refused
    assessment_record(user=carol, partner_code="NG", data_category="non_personal")  # allowed


def found(api, **filters):
    response = api.get("/api/transfer-assessments/", filters)
    assert response.status_code == 200, response.content
    return sorted((row["partner"], row["decision"]) for row in response.json()["results"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"partner": "NG"}, [("NG", "allowed"), ("NG", "refused")]),
        ({"decision": "refused"}, [("NG", "refused")]),
        ({"route": "cooperation_agreement"}, [("RS", "allowed")]),
        ({"data_category": "non_personal"}, [("NG", "allowed")]),
        ({"requested_by": "ALICE"}, [("RS", "allowed")]),
        ({"search": "niger"}, [("NG", "allowed"), ("NG", "refused")]),
    ],
)
def test_the_api_filters_the_register(register, api_dave, filters, expected):
    assert found(api_dave, **filters) == expected


def test_the_api_filters_by_date(register, api_dave):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert len(found(api_dave, assessed_after=today.isoformat())) == 3
    assert found(api_dave, assessed_after=tomorrow.isoformat()) == []
    assert found(api_dave, assessed_before=(today - datetime.timedelta(days=1)).isoformat()) == []


@pytest.mark.parametrize(
    "filters", [{"decision": "maybe"}, {"assessed_after": "soon"}, {"partner": "ZZ"}]
)
def test_the_api_refuses_a_filter_it_does_not_understand(register, api_dave, filters):
    response = api_dave.get("/api/transfer-assessments/", filters)
    assert response.status_code == 400
    assert list(response.json()) == list(filters)


def test_the_page_filters_and_says_when_nothing_matches(register, dave_client):
    page = dave_client.get("/transfer-assessments/", {"decision": "refused", "partner": "NG"})
    assert [a.partner_code for a in page.context["object_list"]] == ["NG"]
    empty = dave_client.get("/transfer-assessments/", {"route": "derogation"})
    assert "No assessment matches these filters." in empty.content.decode()


def test_the_page_has_an_empty_state_for_a_new_register(carol_client):
    html = carol_client.get("/transfer-assessments/").content.decode()
    assert "No transfer has been assessed yet." in html


def test_an_htmx_request_gets_only_the_results(register, dave_client):
    response = dave_client.get(
        "/transfer-assessments/", {"decision": "refused"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and "1 assessment" in html


@pytest.mark.parametrize("parameter", ["partner", "search", "requested_by", "assessed_after"])
def test_a_nul_character_in_a_filter_is_refused_not_a_server_error(
    register, api_dave, dave_client, parameter
):
    assert api_dave.get("/api/transfer-assessments/", {parameter: "\x00"}).status_code == 400
    page = dave_client.get("/transfer-assessments/", {parameter: "\x00"})
    assert page.status_code == 200
    assert "not understood" in page.content.decode()
