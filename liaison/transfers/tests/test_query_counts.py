"""The register's pages and API make as many queries for 20 assessments as for 2."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event, cite
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import assessment_record
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db]


def grow_register(user, count: int) -> None:
    """Assessments of operational data for partners with an instrument each."""
    for _ in range(count - TransferAssessment.objects.count()):
        partner = PartnerFactory(competent_in_criminal_matters=True)
        instrument = InstrumentFactory(partner=partner, type="cooperation_agreement")
        cite(instrument)
        add_event(instrument, "in_force")
        assessment_record(
            user=user,
            partner_code=partner.code,
            data_category="operational_personal_data",
            necessity=NECESSITY,
            receiving_authority="the public prosecution service",
            receiving_authority_competent=True,
        )


def queries(request: Callable[[], object]) -> int:
    request()  # a token's first use writes when it was used: count the steady state
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "fetch",
    [
        lambda client, api: client.get("/transfer-assessments/"),
        lambda client, api: client.get("/transfer-assessments/", {"decision": "allowed"}),
        lambda client, api: client.get("/transfer-assessments/export.csv"),
        lambda client, api: client.get("/transfer-assessments/self-assessed/"),
        lambda client, api: api.get("/api/transfer-assessments/", {"page_size": 500}),
    ],
    ids=["list-page", "list-page-filtered", "export", "edps-page", "api-list"],
)
def test_the_register_makes_the_same_number_of_queries_for_2_and_20_assessments(
    alice, dave_client, api_dave, fetch
):
    grow_register(alice, 2)
    few = queries(lambda: fetch(dave_client, api_dave))
    grow_register(alice, 20)
    assert queries(lambda: fetch(dave_client, api_dave)) == few


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_assessment_makes_the_same_number_of_queries_whatever_it_relied_on(
    alice, dave_client, api_dave, door
):
    def assessment_with(instruments: int) -> int:
        partner = PartnerFactory(competent_in_criminal_matters=True)
        for _ in range(instruments):
            instrument = InstrumentFactory(partner=partner, type="cooperation_agreement")
            add_event(instrument, "in_force")
        return assessment_record(
            user=alice,
            partner_code=partner.code,
            data_category="operational_personal_data",
            necessity=NECESSITY,
            receiving_authority="the public prosecution service",
            receiving_authority_competent=True,
        ).pk

    def fetch(pk: int) -> object:
        if door == "page":
            return dave_client.get(f"/transfer-assessments/{pk}/")
        return api_dave.get(f"/api/transfer-assessments/{pk}/")

    one, many = assessment_with(1), assessment_with(12)
    assert queries(lambda: fetch(one)) == queries(lambda: fetch(many))


def test_assessing_makes_the_same_number_of_queries_for_1_and_12_instruments(api_carol):
    def partner_with(instruments: int) -> str:
        partner = PartnerFactory(competent_in_criminal_matters=True)
        for _ in range(instruments):
            instrument = InstrumentFactory(partner=partner, type="cooperation_agreement")
            cite(instrument)
            cite(add_event(instrument, "signed"))
            add_event(instrument, "in_force")
        return partner.code

    def assess(code: str) -> int:
        body = {
            "partner": code,
            "data_category": "operational_personal_data",
            "necessity": "x",
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
        }
        with CaptureQueriesContext(connection) as captured:
            response = api_carol.post("/api/transfer-assessments/", body, format="json")
        assert response.status_code == 201
        return len(captured)

    assess(partner_with(1))  # warm up
    assert assess(partner_with(1)) == assess(partner_with(12))
