"""An adequacy decision records the act it is made under and the sectors it covers; an
administrative arrangement records its EDPS authorisation, reference and date together.
The rules hold through the API as in the model."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.testing.factories import PartnerFactory, SourceFactory
from liaison.instruments.models import Instrument

pytestmark = [pytest.mark.django_db]

URL = "/api/instruments/"


@pytest.fixture
def payload() -> dict[str, Any]:
    partner = PartnerFactory(code="ORGX")
    source = SourceFactory(key="arrangement-text")
    PartnerFactory(code="COM", kind="eu_body", name="European Commission")
    citation = {"source": source.key, "location": "Art. 1", "confidence": "checked"}
    return {
        "key": "orgx-working-arrangement",
        "partner": partner.code,
        "type": "working_arrangement",
        "eu_party": None,
        "title": "Working arrangement with ORGX",
        "citations": [citation],
        "events": [{"kind": "in_force", "date": "2024-08-01", "citations": [citation]}],
    }


def test_an_arrangement_records_its_edps_authorisation(api_alice, payload):
    payload.update(edps_authorisation_reference="EDPS 2025-01", edps_authorised_on="2025-02-03")
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["edps_authorised_on"] == "2025-02-03"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"adequacy_scope": "all_sectors"}, "adequacy_scope"),
        ({"adequacy_act": "gdpr_45"}, "adequacy_act"),
        ({"edps_authorisation_reference": "EDPS 2025-01"}, "edps_authorised_on"),
        ({"edps_authorised_on": "2025-02-03"}, "edps_authorisation_reference"),
        ({"adequacy_scope": "some"}, "adequacy_scope"),
    ],
)
def test_a_field_that_does_not_belong_is_a_400_and_writes_nothing(
    api_alice, payload, fields, field
):
    payload.update(fields)
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Instrument.objects.exists()


def test_only_an_arrangement_is_authorised_by_the_edps(api_alice, payload):
    payload.update(
        type="adequacy_decision",
        eu_party="COM",
        adequacy_act="gdpr_45",
        adequacy_scope="private_sector_only",
        edps_authorisation_reference="EDPS 2025-01",
        edps_authorised_on="2025-02-03",
        events=[{"kind": "adopted", "date": "2024-08-01"}],
    )
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 400
    assert "edps_authorisation_reference" in response.json()


def test_the_scope_of_a_decision_with_a_history_cannot_change(api_alice, payload):
    payload.update(
        type="adequacy_decision",
        eu_party="COM",
        adequacy_act="gdpr_45",
        adequacy_scope="private_sector_only",
        events=[{"kind": "adopted", "date": "2024-08-01", "citations": payload["citations"]}],
    )
    created = api_alice.post(URL, payload, format="json")
    assert created.status_code == 201, created.json()
    url = f"{URL}{created.json()['id']}/"
    for field, value in (("adequacy_scope", "all_sectors"), ("adequacy_act", "led_36")):
        response = api_alice.patch(url, {field: value}, format="json")
        assert response.status_code == 400
        assert field in response.json()
    decision = Instrument.objects.get()
    assert (decision.adequacy_act, decision.adequacy_scope) == ("gdpr_45", "private_sector_only")
