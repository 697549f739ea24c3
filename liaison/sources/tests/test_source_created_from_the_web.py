"""A cooperation officer records a source from the web, through the same service, rules
and permission as the API; a viewer may do neither."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from liaison.sources.models import Source

pytestmark = [pytest.mark.django_db]

SOURCE = {
    "key": "eu-serbia-agreement-2019",
    "title": "Agreement on cooperation between the agency and Serbia",
    "issuer": "Official Journal of the EU",
    "document_type": "agreement",
    "date": "2019-11-12",
    "date_precision": "day",
    "url": "https://example.invalid/agreement",
}


def test_a_cooperation_officer_records_a_source_and_lands_on_its_page(alice_client):
    assert "Record a source" in alice_client.get("/sources/").content.decode()
    assert alice_client.get("/sources/new/").status_code == 200
    response = alice_client.post("/sources/new/", SOURCE)
    assert response.status_code == 302
    assert response["Location"] == "/sources/eu-serbia-agreement-2019/"
    source = Source.objects.get(key="eu-serbia-agreement-2019")
    assert source.issuer == "Official Journal of the EU"
    # Recorded in the change history like any other write.
    assert LogEntry.objects.get_for_object(source).exists()


def test_a_taken_key_and_a_bad_date_are_form_errors_not_failures(alice_client):
    alice_client.post("/sources/new/", SOURCE)
    again = alice_client.post("/sources/new/", {**SOURCE, "date": "1850-01-01"})
    assert again.status_code == 400
    page = again.content.decode()
    assert "already exists" in page and 'id="id_key_error"' in page
    assert 'id="id_date_error"' in page
    assert Source.objects.filter(key=SOURCE["key"]).count() == 1


def test_a_viewer_may_not_record_a_source_from_the_web_or_the_api(bob_client, api_bob):
    assert "Record a source" not in bob_client.get("/sources/").content.decode()
    assert bob_client.get("/sources/new/").status_code == 403
    assert bob_client.post("/sources/new/", SOURCE).status_code == 403
    assert api_bob.post("/api/sources/", SOURCE, format="json").status_code == 403
    assert not Source.objects.exists()


def test_the_api_records_through_the_same_rules(api_alice):
    created = api_alice.post("/api/sources/", SOURCE, format="json")
    assert created.status_code == 201, created.content
    refused = api_alice.post("/api/sources/", {**SOURCE, "key": "other", "date": "1850-01-01"})
    assert refused.status_code == 400 and "date" in refused.json()
