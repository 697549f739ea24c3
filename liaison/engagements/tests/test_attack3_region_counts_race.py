"""Attack (b): two writers at once. The recount takes an advisory lock, but the regions it
recounts are chosen before the lock is taken: a writer that adds an engagement's partner
while another adds a region to that partner must still leave both regions counted right."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from liaison.engagements.models import Engagement, RegionEngagementCount
from liaison.partners.models import Partner, Region

pytestmark = [pytest.mark.django_db(transaction=True)]


def _someone_waits_for_an_advisory_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


def test_a_region_added_while_an_engagement_gains_the_partner_counts_it():
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's")
    old = Region.objects.create(code="old", name="Old region")
    new = Region.objects.create(code="new", name="New region")
    partner = Partner.objects.create(code="ML", kind="country", name="Mali")
    partner.regions.add(old)
    engagement = Engagement.objects.create(
        key="visit", kind="technical_meeting", title="Visit", start_date=datetime.date(2025, 5, 1)
    )
    recounted = threading.Event()
    problems: list[BaseException] = []

    def region_writer() -> None:
        # Adds the new region to the partner; its recount holds the lock until it commits,
        # which it does once the other writer waits for the lock.
        try:
            with transaction.atomic():
                Partner.objects.get(pk=partner.pk).regions.add(new)
                recounted.set()
                for _ in range(2000):  # until the other writer waits (not a timing test)
                    if _someone_waits_for_an_advisory_lock():
                        break
                    time.sleep(0.005)
        except BaseException as error:  # noqa: BLE001
            problems.append(error)
        finally:
            connection.close()

    def engagement_writer() -> None:
        recounted.wait(30)
        try:
            with transaction.atomic():
                Engagement.objects.get(pk=engagement.pk).partners.add(partner)
        except BaseException as error:  # noqa: BLE001
            problems.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=region_writer), threading.Thread(target=engagement_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not problems
    kept = dict(RegionEngagementCount.objects.values_list("region__code", "engagements"))
    # Mali is in both regions and took part in the visit: each region counts it.
    assert kept == {"old": 1, "new": 1}
