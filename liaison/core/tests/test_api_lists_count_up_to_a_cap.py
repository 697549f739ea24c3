"""An API list counts its rows only up to a cap: beyond it, `count` is the cap and
`count_capped` is true, and `next` still leads through every row."""

from __future__ import annotations

import pytest

from liaison.core.views import CappedCountPaginator
from liaison.instruments.testing.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def partners(number: int) -> None:
    for index in range(number):
        PartnerFactory(code=f"CAP{index:02d}", name=f"Capped partner {index:02d}")


def test_below_the_cap_the_count_is_exact_and_not_capped(api_bob, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 10)
    partners(4)
    body = api_bob.get("/api/partners/", {"page_size": 3}).json()
    assert body["count"] == 4
    assert body["count_capped"] is False
    assert body["next"] is not None


def test_beyond_the_cap_the_count_is_the_cap_and_says_so(api_bob, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    partners(7)
    body = api_bob.get("/api/partners/", {"page_size": 2}).json()
    assert body["count"] == 3
    assert body["count_capped"] is True


def test_next_leads_through_every_row_past_the_cap(api_bob, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    partners(7)
    seen: list[str] = []
    url: str | None = "/api/partners/?page_size=2"
    while url:
        response = api_bob.get(url)
        assert response.status_code == 200
        body = response.json()
        seen += [row["code"] for row in body["results"]]
        url = body["next"]
        assert len(seen) <= 8, "next must stop"
    assert sorted(seen) == [f"CAP{index:02d}" for index in range(7)]


@pytest.mark.parametrize("page", ["0", "abc", "9"])
def test_a_page_that_does_not_exist_is_still_a_404_past_the_cap(api_bob, monkeypatch, page):
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    partners(7)
    response = api_bob.get("/api/partners/", {"page_size": 2, "page": page})
    assert response.status_code == 404


def test_the_schema_documents_the_capped_count(api_alice):
    schema = api_alice.get("/api/schema/", {"format": "json"}).json()
    listed = schema["components"]["schemas"]["PaginatedPartnerList"]
    assert "count_capped" in listed["required"]
    assert listed["properties"]["count_capped"]["type"] == "boolean"
    assert "10,000" in listed["properties"]["count"]["description"]
