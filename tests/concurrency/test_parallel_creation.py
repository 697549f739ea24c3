"""Records created at the same moment by several requests (issue 12, item 5).

Real threads, each with its own database connection, all released at once. SQLite
serialises every write, so the race only exists on PostgreSQL: CI runs these there."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.engagements.models import Engagement
from liaison.partners.models import Partner

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writes, so requests never race; the test runs on PostgreSQL",
    ),
]

PARALLEL = 8


def all_at_once(request: Callable[[APIClient], Any], key: str) -> list[Any]:
    """`request` sent by PARALLEL clients in as many threads, released together."""
    barrier = threading.Barrier(PARALLEL)
    answers: list[Any] = [None] * PARALLEL

    def run(number: int) -> None:
        client = APIClient(raise_request_exception=False)  # a server error is a 500 here
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            barrier.wait(timeout=30)
            answers[number] = request(client)
        except Exception as error:  # noqa: BLE001 (shown by the assertion below)
            answers[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    failures = [answer for answer in answers if not hasattr(answer, "status_code")]
    assert failures == [], failures
    return answers


@pytest.fixture
def officer_key(django_user_model: Any) -> str:
    return token_key(make_persona(django_user_model, "alice"))


def test_engagements_with_the_same_title_and_date_are_all_recorded(officer_key: str) -> None:
    data = {"kind": "technical_meeting", "title": "Same title", "start_date": "2026-05-04"}
    answers = all_at_once(
        lambda client: client.post("/api/engagements/", data, format="json"), officer_key
    )
    assert Counter(answer.status_code for answer in answers) == {201: PARALLEL}
    keys = {answer.json()["key"] for answer in answers}
    assert len(keys) == PARALLEL
    assert set(Engagement.objects.values_list("key", flat=True)) == keys


def test_partners_with_the_same_code_are_recorded_once_and_the_others_told_why(
    officer_key: str,
) -> None:
    data = {"code": "ZZ-RACE", "kind": "international_organisation", "name": "Racing body"}
    answers = all_at_once(
        lambda client: client.post("/api/partners/", data, format="json"), officer_key
    )
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses[201] == 1
    assert set(statuses) <= {201, 400, 409}, statuses
    refused = [answer.json() for answer in answers if answer.status_code != 201]
    assert all("code" in str(body) for body in refused)
    assert Partner.objects.filter(code="ZZ-RACE").count() == 1
