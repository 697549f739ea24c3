"""/api/instruments/: created with citations and dated events in one go, never half-written."""

from __future__ import annotations

import pytest

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.testing.factories import PartnerFactory, SourceFactory
from liaison.partners.models import Partner
from liaison.sources.models import Citation

pytestmark = [pytest.mark.django_db]

URL = "/api/instruments/"


@pytest.fixture
def payload():
    partner = PartnerFactory(code="ORGX")
    source = SourceFactory(key="arrangement-text")
    PartnerFactory(code="COM", kind="eu_body", name="European Commission")
    citation = {"source": source.key, "location": "Art. 1", "confidence": "checked"}
    return {
        "key": "orgx-working-arrangement",
        "partner": partner.code,
        "type": "working_arrangement",
        "strategic": True,
        "eu_party": None,
        "title": "Working arrangement with ORGX",
        "citations": [citation],
        "events": [
            {"kind": "signed", "date": "2024-07-10", "citations": [citation]},
            {"kind": "in_force", "date": "2024-08-01", "citations": [citation]},
        ],
    }


def test_an_authorised_user_creates_an_instrument_with_its_events_and_sources(api_alice, payload):
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "in_force"
    assert body["status_since"] == "2024-08-01"
    assert [event["kind"] for event in body["events"]] == ["signed", "in_force"]
    instrument = Instrument.objects.get(key="orgx-working-arrangement")
    assert instrument.citations.get().location == "Art. 1"
    assert all(event.citations.exists() for event in instrument.events.all())


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda p: p.update(citations=[]), "citations", "Cite at least one source"),
        (lambda p: p.update(events=[]), "events", "at least one dated event"),
        (lambda p: p["events"][0].update(kind="blessed"), "events", "not a valid choice"),
        (lambda p: p["events"][0].update(date="10/07/2024"), "events", "Date has wrong format"),
        (
            lambda p: p["events"][0].update(citations=[]),
            "events",
            "Cite at least one source for each event",
        ),
        (lambda p: p["events"][0].update(date_precision="month"), "events", "first day"),
        (lambda p: p["citations"][0].update(source="nowhere"), "citations", "does not exist"),
        (
            lambda p: p.update(type="cooperation_agreement"),
            "strategic",
            "Only a working arrangement",
        ),
        (lambda p: p.update(eu_party="ORGX"), "eu_party", "does not exist"),
        (lambda p: p.update(partner="ZZZ"), "partner", "does not exist"),
        (lambda p: p.update(strategic="perhaps"), "strategic", "Must be a valid boolean"),
    ],
)
def test_bad_input_is_a_400_per_field_and_writes_nothing(
    api_alice, payload, change, field, message
):
    change(payload)
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body, body
    assert message in str(body[field]), body
    assert not Instrument.objects.exists()
    assert not InstrumentEvent.objects.exists()
    assert not Citation.objects.exists()


def test_an_instrument_with_a_member_state_is_refused(api_alice, payload):
    Partner.objects.create(code="SE", kind="member_state", name="Sweden")
    payload["partner"] = "SE"
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 400
    assert "non-EU partner" in str(response.json()["partner"])


def test_events_cannot_be_rewritten_through_an_update(api_alice, payload):
    created = api_alice.post(URL, payload, format="json").json()
    response = api_alice.patch(f"{URL}{created['id']}/", {"events": []}, format="json")
    assert response.status_code == 400
    assert "events" in response.json()
    assert InstrumentEvent.objects.count() == 2


def test_an_update_of_plain_fields_keeps_the_computed_status(api_alice, payload):
    created = api_alice.post(URL, payload, format="json").json()
    response = api_alice.patch(
        f"{URL}{created['id']}/", {"notes": "Covers strategic data only."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["notes"] == "Covers strategic data only."
    assert response.json()["status"] == "in_force"


def test_deleting_an_instrument_removes_its_events_and_citations(api_alice, payload):
    created = api_alice.post(URL, payload, format="json").json()
    assert api_alice.delete(f"{URL}{created['id']}/").status_code == 204
    assert not InstrumentEvent.objects.exists()
    assert not Citation.objects.exists()


def test_a_reader_cannot_create(api_bob, payload):
    assert api_bob.post(URL, payload, format="json").status_code == 403


def test_filters_status_type_and_partner(api_bob, reference_data):
    body = api_bob.get(
        URL, {"status": "negotiating", "type": "international_agreement", "page_size": 100}
    ).json()
    partners = {row["partner"] for row in body["results"]}
    assert {"DZ", "TR", "INTERPOL"} <= partners
    assert "GB" not in partners
    assert body["count"] == len(body["results"])


def test_a_source_still_cited_cannot_be_deleted(api_alice, reference_data):
    response = api_alice.delete("/api/sources/seed-002-strategy/")
    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]


def test_instruments_sort_by_the_date_their_status_began(api_bob, reference_data):
    body = api_bob.get(URL, {"ordering": "-since", "status": "in_force", "page_size": 100}).json()
    dates = [row["status_since"] for row in body["results"] if row["status_since"]]
    assert dates == sorted(dates, reverse=True)
