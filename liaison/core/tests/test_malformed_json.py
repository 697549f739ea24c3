"""Malformed JSON bodies get a 400 naming the field, at every API write (issue 12, item 6):
JSON nested thousands deep, a lone surrogate, a NUL character in a lookup field."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.django_db]

ENGAGEMENT = '{"kind": "technical_meeting", "title": "T", "start_date": "2026-03-02", %s}'


def post(api: Any, url: str, raw: str) -> Any:
    return api.post(url, raw, content_type="application/json")


@pytest.mark.parametrize(
    "url", ["/api/engagements/", "/api/partners/", "/api/sources/", "/api/transfer-assessments/"]
)
def test_json_nested_thousands_deep_is_a_400(api_alice: Any, url: str) -> None:
    response = post(api_alice, url, '{"title": ' + "[" * 5000 + "]" * 5000 + "}")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("kind", '{"kind": "x\\ud800y", "title": "T", "start_date": "2026-03-02"}'),
        ("date_precision", ENGAGEMENT % '"date_precision": "\\udfff"'),
        (
            "title",
            '{"kind": "technical_meeting", "title": "x\\ud800y", "start_date": "2026-03-02"}',
        ),
    ],
)
def test_a_lone_surrogate_is_a_400_naming_the_field(api_alice: Any, field: str, body: str) -> None:
    response = post(api_alice, "/api/engagements/", body)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/engagements/", ENGAGEMENT % '"project": "a\\u0000b"', "project"),
        ("/api/engagements/", ENGAGEMENT % '"partners": ["a\\u0000b"]', "partners"),
        (
            "/api/transfer-assessments/",
            '{"partner": "a\\u0000b", "data_category": "non_personal"}',
            "partner",
        ),
    ],
)
def test_a_nul_character_in_a_lookup_field_is_a_400_naming_it(
    api_alice: Any, url: str, body: str, field: str
) -> None:
    response = post(api_alice, url, body)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("encoding", ["multipart", "form"])
def test_a_nul_character_in_a_form_or_multipart_body_is_a_400_naming_it(
    api_alice: Any, encoding: str
) -> None:
    # Schemathesis found it on PostgreSQL: a multipart body with the partner "\x00" reached
    # the database lookup and failed there (500), as only JSON bodies were checked.
    fields = {"partner": "\x00", "name": "A", "organisation": "B", "appointed_on": "2026-01-05"}
    if encoding == "multipart":
        response = api_alice.post("/api/contact-points/", fields, format="multipart")
    else:
        from urllib.parse import urlencode

        response = api_alice.post(
            "/api/contact-points/",
            urlencode(fields),
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 400
    assert "partner" in response.json()
