"""Attack: the map's query string is anyone's to write. Odd values for the year slider
(digits that Python's str.isdigit accepts but int() does not, or more digits than int()
reads) must be set aside like any other bad value, never answered with a 500."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today().isoformat()


@pytest.mark.parametrize(
    "year",
    [
        "²⁰¹⁹",  # superscript digits: isdigit() is True, int() refuses them
        "9" * 5000,  # beyond int()'s limit on digits read from text
    ],
    ids=["superscript", "huge"],
)
@pytest.mark.parametrize("page", ["home", "partners:world_map"])
def test_an_odd_year_is_set_aside_not_a_500(
    reference_data: None, bob: Any, year: str, page: str
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(bob)
    response = client.get(
        reverse(page), {"colour": "transfer", "on": TODAY, "shown": TODAY, "year": year}
    )
    assert response.status_code == 200


def test_a_region_code_with_a_nul_is_no_such_region_not_a_500(bob: Any) -> None:
    """On PostgreSQL a NUL in a text compared with a column is refused by the database
    (DataError): the map's `?region=` must read it as no such region. (SQLite accepts it,
    so this fails on PostgreSQL only, as CI runs it.)"""
    client = Client(raise_request_exception=False)
    client.force_login(bob)
    response = client.get(reverse("partners:world_map"), {"region": "eu\x00"})
    assert response.status_code in (200, 404)
