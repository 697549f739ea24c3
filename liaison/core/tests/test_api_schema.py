"""The OpenAPI schema and its browsable docs, served by Liaison itself."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.django_db]


def test_the_schema_documents_every_endpoint_and_filter(api_bob):
    response = api_bob.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/partners/",
        "/api/partners/{code}/",
        "/api/instruments/",
        "/api/regions/",
        "/api/sources/",
    ):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/partners/"]["get"]["parameters"]}
    assert {
        "kind",
        "region",
        "instrument_type",
        "instrument_status",
        "search",
        "page",
        "as_of",
    } <= parameters


def test_the_docs_page_loads_no_asset_from_another_host(bob_client):
    response = bob_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(src|href)=[\"']https?://", html)
    assert "/static/drf_spectacular_sidecar/" in html
    # Its script comes from a file too, ready for a Content-Security-Policy without inline code.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
