"""Malformed query parameters get a clear 400 (API) or a page that explains, never a 500.

PostgreSQL refuses NUL characters where SQLite accepts them: the suite runs on both."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db]

API_URLS = [
    "/api/partners/?search=%00",
    "/api/partners/?region=%00",
    "/api/partners/?kind=%00",
    "/api/partners/?instrument_status=%00",
    "/api/partners/?as_of=%00",
    "/api/partners/?ordering=%00",
    "/api/instruments/?partner=%00",
    "/api/instruments/?region=%00",
    "/api/instruments/?type=%00",
    "/api/sources/?search=%00",
]
PAGE_URLS = [
    "/partners/?region=%00",
    "/partners/?search=%00",
    "/partners/?as_of=%00",
    "/instruments/?partner=%00",
    "/sources/?document_type=%00",
]


@pytest.mark.parametrize("url", API_URLS)
def test_the_api_answers_a_malformed_parameter_with_a_400_naming_it(api_bob, url):
    response = api_bob.get(url)
    assert response.status_code == 400
    parameter = url.split("?")[1].split("=")[0]
    assert parameter in response.json()


@pytest.mark.parametrize("url", PAGE_URLS)
def test_a_page_explains_a_malformed_parameter(bob_client, url):
    response = bob_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "not understood" in html
