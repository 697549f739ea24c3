"""Attack (e): the offer of a background file counts one row past the inline limit. With
filters, exactly the limit must still stream (every row) and one more must be offered."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.services import access_record
from liaison.exports.tests.conftest import csv_rows
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

URL = "/access-log/export.csv"


@pytest.fixture(autouse=True)
def small_inline_limit(settings: Any) -> None:
    settings.EXPORT_MAX_ROWS_INLINE = 3


def read(user: Any, count: int) -> None:
    partners = [
        Partner.objects.create(
            code=f"P{user.username[:3].upper()}{n}", kind="country", name=f"P {n}"
        )
        for n in range(count)
    ]
    access_record(user=user, objects=partners)


def test_the_limit_streams_with_a_filter_and_one_more_is_offered(
    dave, dave_client, django_user_model
):
    from conftest import make_persona

    carol = make_persona(django_user_model, "carol")
    erin = make_persona(django_user_model, "erin")
    read(carol, 3)
    read(erin, 4)
    response = dave_client.get(URL, {"username": "CAROL"})
    assert response.streaming
    rows = csv_rows(b"".join(response.streaming_content).decode())
    assert len(rows) == 3
    offered = dave_client.get(URL, {"username": "erin"})
    assert not offered.streaming
    assert "more than the 3 rows" in offered.content.decode()
