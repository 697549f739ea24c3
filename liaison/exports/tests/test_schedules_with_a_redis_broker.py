"""With Redis as the job broker (LIAISON_JOB_BROKER_URL), as when workers run on several
machines: three schedulers looking at the same moment still queue a due job once, because
the claim is made on the schedule's row in PostgreSQL, not in the broker."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: the production database only"
    ),
]

REDIS_URL = os.environ.get("LIAISON_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
QUEUE = "django_q:liaison:q"
RACE = """
import threading
from django.db import connections
from django_q.scheduler import scheduler

start = threading.Barrier(3)
errors = []

def one_scheduler():
    try:
        start.wait()
        scheduler()
    except BaseException as error:
        errors.append(error)
    finally:
        connections.close_all()

threads = [threading.Thread(target=one_scheduler) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(60)
assert not errors, errors
"""


def test_three_schedulers_with_a_redis_broker_queue_a_due_job_once(tmp_path):
    broker = redis.Redis.from_url(REDIS_URL)
    try:
        broker.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    broker.delete(QUEUE)
    Schedule.objects.exclude(name="exports-expire").update(
        next_run=timezone.now() + datetime.timedelta(days=1)
    )
    Schedule.objects.filter(name="exports-expire").update(
        next_run=timezone.now() - datetime.timedelta(minutes=1)
    )
    # The test database, with the server and credentials of DATABASE_URL.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        DATABASE_URL=urlunsplit(url),
        LIAISON_JOB_BROKER_URL=REDIS_URL,
        LIAISON_DATA_DIR=str(tmp_path),
        LIAISON_HTTPS="false",
    )
    try:
        subprocess.run(  # noqa: S603 (our own interpreter and command)
            [sys.executable, "-m", "liaison.core.cli", "shell", "-c", RACE],
            env=environment,
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert broker.llen(QUEUE) == 1
        assert Schedule.objects.get(name="exports-expire").next_run > timezone.now()
    finally:
        broker.delete(QUEUE)
