"""No stored record can take a calendar down (issue 12, item 4): a date the calendar cannot
write (stored before dates had bounds, or by a door that skipped them) is left out of the
feed and logged; every other engagement is still served, at every calendar door."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from liaison.engagements.models import Engagement
from liaison.engagements.services import calendar_feed_key_create

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def calendar_with_a_bad_record(db: Any) -> None:
    soon = timezone.localdate() + datetime.timedelta(days=7)
    Engagement.objects.create(
        key="soon", kind="conference", title="Conference soon", start_date=soon
    )
    # Stored as it was before dates had bounds: the ORM's create() runs no validation.
    Engagement.objects.create(
        key="far-away",
        kind="technical_meeting",
        title="Far away",
        start_date=datetime.date(9999, 12, 31),
    )
    Engagement.objects.create(
        key="ends-far-away",
        kind="technical_meeting",
        title="Ends far away",
        start_date=soon,
        end_date=datetime.date(9999, 12, 31),
    )


def calendar_doors(bob: Any, api_bob: Any, bob_client: Any) -> dict[str, Any]:
    _, key = calendar_feed_key_create(user=bob)
    return {
        "web": lambda: bob_client.get("/engagements/calendar.ics"),
        "api": lambda: api_bob.get("/api/engagements/calendar/"),
        "secret address": lambda: Client().get(f"/engagements/calendar/{key}.ics"),
    }


@pytest.mark.parametrize("door", ["web", "api", "secret address"])
def test_every_calendar_door_serves_the_good_records_and_skips_the_bad_one(
    calendar_with_a_bad_record: None,
    bob: Any,
    api_bob: Any,
    bob_client: Any,
    door: str,
    caplog: Any,
) -> None:
    caplog.set_level(logging.WARNING)
    response = calendar_doors(bob, api_bob, bob_client)[door]()
    assert response.status_code == 200
    body = response.content.decode()
    assert "SUMMARY:Conference soon" in body
    assert "SUMMARY:Far away" not in body
    assert body.rstrip().endswith("END:VCALENDAR")
    skipped = [
        r.getMessage() for r in caplog.records if "left out of the calendar" in r.getMessage()
    ]
    assert any("far-away" in message for message in skipped)


@pytest.mark.parametrize(
    "url",
    [
        "/engagements/",
        "/engagements/far-away/",
        "/engagements/ends-far-away/",
        "/engagements/far-away/edit/",
        "/engagements/?date_from=2026-01-01&date_to=2100-12-31",
        "/strategy/",
        "/api/engagements/",
        "/api/engagements/far-away/",
    ],
)
def test_the_pages_that_show_the_bad_record_still_answer(
    calendar_with_a_bad_record: None, alice_client: Any, url: str
) -> None:
    assert alice_client.get(url).status_code == 200
