"""Two writers linking engagements to partners of the same region at the same moment: each
recounts the region in its own transaction, and the advisory lock makes the second count
what the first committed, so the kept figure ends right (issue 13).

Real threads with their own connections; SQLite serialises writes, so PostgreSQL only."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from liaison.engagements import signals
from liaison.engagements.models import Engagement, RegionEngagementCount
from liaison.partners.models import Partner, Region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writes, so writers never race; the test runs on PostgreSQL",
    ),
]


def test_two_concurrent_links_to_one_region_are_both_counted(monkeypatch: Any) -> None:
    sahel = Region.objects.create(code="sahel", name="Sahel")
    writers = []
    for code in ("ML", "NE"):
        partner = Partner.objects.create(code=code, kind="country", name=f"Partner {code}")
        partner.regions.add(sahel)
        engagement = Engagement.objects.create(
            key=f"visit-{code}",
            kind="country_visit",
            title=f"Visit {code}",
            start_date=datetime.date(2025, 5, 1),
        )
        writers.append((engagement.pk, partner.pk))
    # Both links are written before either writer recounts or commits: without the lock,
    # each would count only its own link and the last to commit would leave 1.
    linked = threading.Barrier(2)
    lock = signals.region_counts_lock

    def lock_once_both_linked() -> None:
        linked.wait(timeout=30)
        lock()

    monkeypatch.setattr(signals, "region_counts_lock", lock_once_both_linked)
    errors: list[Any] = []

    def write(engagement_id: int, partner_id: int) -> None:
        try:
            Engagement.objects.get(pk=engagement_id).partners.add(partner_id)
        except Exception as error:  # noqa: BLE001 (shown by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=pair) for pair in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert RegionEngagementCount.objects.get(region=sahel).engagements == 2
