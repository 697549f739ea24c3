"""Rule: "today" is the calendar day at the agency's seat (settings.TIME_ZONE), whatever time
zone is active, so that a status, a due date and a form's default date agree."""

from __future__ import annotations

import datetime
import zoneinfo

from django.test import override_settings
from django.utils import timezone

from liaison.core.dates import today

# 23:30 UTC on 31 December 2025: already 1 January 2026 in The Hague, still 31 December in
# New York.
INSTANT = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)


def test_today_is_the_date_at_the_agency_seat_not_in_the_active_time_zone(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: INSTANT)
    with (
        override_settings(TIME_ZONE="Europe/Amsterdam"),
        timezone.override(zoneinfo.ZoneInfo("America/New_York")),
    ):
        assert today() == datetime.date(2026, 1, 1)


def test_today_follows_the_configured_seat(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: INSTANT)
    with override_settings(TIME_ZONE="America/New_York"):
        assert today() == datetime.date(2025, 12, 31)
