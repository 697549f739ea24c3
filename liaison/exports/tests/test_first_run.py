"""When a newly defined schedule first runs: an hourly job within the hour, not at the next
midnight; daily and monthly ones at their hour."""

from __future__ import annotations

import datetime

from django.utils import timezone

from liaison.exports.jobs import DAILY, HOURLY, MONTHLY, ScheduledJob, first_run


def _job(every: str, at: datetime.time) -> ScheduledJob:
    return ScheduledJob(name="t", func="f", args=(), every=every, at=at, description="")


def _local(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args), timezone.get_current_timezone())


def test_an_hourly_job_first_runs_at_its_minute_within_the_hour():
    job = _job(HOURLY, datetime.time(0, 5))
    assert first_run(job, now=_local(2026, 12, 7, 11, 2)) == _local(2026, 12, 7, 11, 5)
    assert first_run(job, now=_local(2026, 12, 7, 11, 40)) == _local(2026, 12, 7, 12, 5)


def test_daily_and_monthly_jobs_first_run_at_their_hour():
    daily = _job(DAILY, datetime.time(3, 0))
    monthly = _job(MONTHLY, datetime.time(2, 0))
    assert first_run(daily, now=_local(2026, 12, 7, 11, 0)) == _local(2026, 12, 8, 3, 0)
    assert first_run(monthly, now=_local(2026, 12, 7, 11, 0)) == _local(2027, 1, 1, 2, 0)
