"""Two workers' schedulers looking at the same moment queue a due job once: on PostgreSQL
each claims due schedules with SELECT ... FOR UPDATE and moves their next run before
letting go."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: the production database only"
    ),
]


def test_two_schedulers_at_once_queue_a_due_job_once():
    Schedule.objects.exclude(name="exports-expire").update(
        next_run=timezone.now() + datetime.timedelta(days=1)
    )
    Schedule.objects.filter(name="exports-expire").update(
        next_run=timezone.now() - datetime.timedelta(minutes=1)
    )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            scheduler()
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Task.objects.filter(group="exports-expire").count() == 1
