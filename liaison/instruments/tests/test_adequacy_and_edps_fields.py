"""An adequacy decision records the act it is made under and the sectors it covers; an
administrative arrangement records its EDPS authorisation, reference and date together.
The rules hold through the API as in the model."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from liaison.instruments.models import Instrument
from liaison.instruments.testing.factories import PartnerFactory, SourceFactory

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


def test_the_api_does_not_record_an_edps_authorisation_alone(api_alice, payload):
    payload.update(edps_authorisation_reference="EDPS 2025-01", edps_authorised_on="2025-02-03")
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    arrangement = Instrument.objects.get()
    assert (arrangement.edps_authorisation_reference, arrangement.edps_authorised_on) == ("", None)
    changed = api_alice.patch(
        f"{URL}{arrangement.pk}/", {"edps_authorisation_reference": "EDPS 2025-01"}, format="json"
    )
    assert changed.status_code == 200
    assert Instrument.objects.get().edps_authorisation_reference == ""


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"edps_authorisation_reference": "EDPS 2025-01"}, "edps_authorised_on"),
        ({"edps_authorised_on": datetime.date(2025, 2, 3)}, "edps_authorisation_reference"),
    ],
)
def test_an_edps_authorisation_is_recorded_whole_and_on_an_arrangement_only(fields, field):
    arrangement = Instrument(
        key="orgy-working-arrangement",
        partner=PartnerFactory(code="ORGY"),
        type="working_arrangement",
        title="Working arrangement with ORGY",
        **fields,
    )
    with pytest.raises(ValidationError) as refused:
        arrangement.full_clean()
    assert field in refused.value.message_dict
    decision = Instrument(
        key="orgy-decision",
        partner=arrangement.partner,
        type="adequacy_decision",
        title="Adequacy decision",
        adequacy_act="gdpr_45",
        adequacy_scope="all_sectors",
        edps_authorisation_reference="EDPS 2025-01",
        edps_authorised_on=datetime.date(2025, 2, 3),
    )
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "edps_authorisation_reference" in refused.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"adequacy_scope": "all_sectors"}, "adequacy_scope"),
        ({"adequacy_act": "gdpr_45"}, "adequacy_act"),
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
