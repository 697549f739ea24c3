"""The iCalendar feed of upcoming engagements: RFC 5545 structure, escaping, folding (the
`icalendar` library writes the format; these tests read what a calendar app receives)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.engagements.models import Engagement

pytestmark = [pytest.mark.django_db]


def engagement(key: str, start: datetime.date, **fields) -> Engagement:
    return Engagement.objects.create(
        key=key, kind="conference", title=fields.pop("title", key), start_date=start, **fields
    )


def feed(client) -> str:
    response = client.get(reverse("engagements:engagement_calendar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content.decode("utf-8")


def test_it_lists_upcoming_and_yearly_engagements_not_past_ones(bob_client):
    today = timezone.localdate()
    engagement("future", today + datetime.timedelta(days=10), place="The Hague; room 1, B")
    engagement("past", today - datetime.timedelta(days=10))
    engagement("yearly", datetime.date(2024, 10, 25), recurs_yearly=True)
    body = feed(bob_client)
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2 and "SUMMARY:past" not in body
    assert "RRULE:FREQ=YEARLY" in body
    assert "LOCATION:The Hague\\; room 1\\, B" in body
    start = (today + datetime.timedelta(days=10)).strftime("%Y%m%d")
    end = (today + datetime.timedelta(days=11)).strftime("%Y%m%d")
    assert f"DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}" in body  # DTEND exclusive
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


def test_each_event_has_a_uid_and_a_stamp(bob_client):
    engagement("future", timezone.localdate() + datetime.timedelta(days=1))
    body = feed(bob_client)
    assert "\r\nUID:engagement-" in body and "\r\nDTSTAMP:" in body


def test_an_event_keeps_its_uid_whatever_host_name_serves_it(bob_client, settings):
    engagement("future", timezone.localdate() + datetime.timedelta(days=1))
    settings.ALLOWED_HOSTS = ["liaison.internal", "10.0.0.5", "testserver"]
    settings.CALENDAR_UID_DOMAIN = "agency.example"
    bodies = [
        bob_client.get(reverse("engagements:engagement_calendar"), HTTP_HOST=host).content.decode()
        for host in ("liaison.internal", "10.0.0.5")
    ]
    uids = [[line for line in body.split("\r\n") if line.startswith("UID:")] for body in bodies]
    assert uids[0] == uids[1] and uids[0]
    assert all(uid.endswith("@agency.example") for uid in uids[0])


def test_text_is_escaped(bob_client):
    engagement(
        "future",
        timezone.localdate() + datetime.timedelta(days=1),
        title="Meeting, part 1; the \\ room",
        outcomes="first line\nsecond line",
    )
    body = feed(bob_client)
    assert "SUMMARY:Meeting\\, part 1\\; the \\\\ room\r\n" in body
    assert "DESCRIPTION:first line\\nsecond line\r\n" in body


def test_long_lines_fold_without_splitting_a_character(bob_client):
    title = "Türkiye " * 30
    engagement("future", timezone.localdate() + datetime.timedelta(days=1), title=title)
    body = feed(bob_client)
    # Every line fits 75 octets and still decodes (no character split across lines)...
    assert all(len(line.encode("utf-8")) <= 75 for line in body.split("\r\n"))
    # ...and unfolding (RFC 5545 3.1: drop CRLF + space) gives the title back whole.
    assert "\r\n " in body
    assert f"\r\nSUMMARY:{title}\r\n" in body.replace("\r\n ", "")


def test_an_empty_feed_is_still_a_calendar(bob_client):
    body = feed(bob_client)
    assert "BEGIN:VEVENT" not in body and body.endswith("END:VCALENDAR\r\n")
