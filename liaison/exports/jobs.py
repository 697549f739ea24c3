"""Liaison's background jobs and the scheduled work, defined once here.

The queue is django-q2's: a table of Liaison's database by default, Redis when
LIAISON_JOB_BROKER_URL says so. Each schedule is a row of django-q2's Schedule table,
kept in step with SCHEDULES after every `migrate` (so `liaison serve` too). However many
workers run, a period's run is queued once: the scheduler of each worker claims due
schedules with SELECT ... FOR UPDATE and moves their next run in the same transaction."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.utils import timezone


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    func: str
    args: tuple[str, ...]
    # django-q2's schedule types: "D" daily, "M" monthly.
    every: str
    # Local time of day of the first (and, for daily jobs, every) run.
    at: datetime.time
    description: str


HOURLY = "H"
DAILY = "D"
MONTHLY = "M"

SCHEDULES = (
    ScheduledJob(
        name="strategy-snapshot",
        func="liaison.exports.jobs.command_run",
        args=("strategy_snapshot",),
        every=MONTHLY,
        at=datetime.time(2, 0),
        description="Store each measurable key action's progress (first day of each month).",
    ),
    ScheduledJob(
        name="contacts-retention",
        func="liaison.exports.jobs.command_run",
        args=("contacts_retention",),
        every=DAILY,
        at=datetime.time(3, 0),
        description="Anonymise contact points past LIAISON_CONTACT_RETENTION_DAYS.",
    ),
    ScheduledJob(
        name="engagements-retention",
        func="liaison.exports.jobs.command_run",
        args=("engagements_retention",),
        every=DAILY,
        at=datetime.time(3, 15),
        description="Anonymise participants past LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS.",
    ),
    ScheduledJob(
        name="exports-expire",
        func="liaison.exports.services.exports_expire",
        args=(),
        every=DAILY,
        at=datetime.time(4, 0),
        description="Delete the files of exports older than LIAISON_EXPORT_DAYS.",
    ),
    ScheduledJob(
        name="notifications",
        func="liaison.notifications.services.notifications_run",
        args=(),
        # Every hour, at five past (the first run at the next such minute).
        every=HOURLY,
        at=datetime.time(0, 5),
        description="Make the notifications the calendar brings; mail those due.",
    ),
)


def first_run(job: ScheduledJob, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next time `job` is due after `now`: the next hour at its minute for an hourly
    job, today or tomorrow at its hour for a daily job, the first day of next month at its
    hour for a monthly one."""
    local = timezone.localtime(now)
    if job.every == HOURLY:
        at = local.replace(minute=job.at.minute, second=0, microsecond=0)
        return at if at > local else at + datetime.timedelta(hours=1)
    if job.every == MONTHLY:
        year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        day = datetime.date(year, month, 1)
    else:
        day = local.date()
        if local.time() >= job.at:
            day += datetime.timedelta(days=1)
    naive = datetime.datetime.combine(day, job.at)
    return timezone.make_aware(naive, timezone.get_current_timezone())


def schedules_sync(*, using: str = "default") -> None:
    """Make django-q2's schedules those of SCHEDULES: add the missing ones, correct what
    changed, remove Liaison's that are no longer defined. A schedule's next run is kept
    (set only when it is created or its period changes), so this can run any number of times."""
    from django_q.models import Schedule

    schedules = Schedule.objects.using(using)
    wanted = {job.name: job for job in SCHEDULES}
    for job in SCHEDULES:
        fields = {"func": job.func, "args": repr(job.args) if job.args else None}
        schedule = schedules.filter(name=job.name).first()
        if schedule is None:
            schedules.create(
                name=job.name,
                schedule_type=job.every,
                repeats=-1,
                next_run=first_run(job),
                **fields,
            )
            continue
        changed: dict[str, Any] = {
            key: value for key, value in fields.items() if getattr(schedule, key) != value
        }
        if schedule.schedule_type != job.every or schedule.repeats != -1:
            changed.update(schedule_type=job.every, repeats=-1, next_run=first_run(job))
        if changed:
            schedules.filter(pk=schedule.pk).update(**changed)
    schedules.filter(func__startswith="liaison.").exclude(name__in=wanted).delete()


def command_run(name: str, *args: Any) -> str:
    """Run a `liaison` command as a job; its output becomes the job's result. A command
    that fails raises, so the job is recorded as failed (and tried again)."""
    output = io.StringIO()
    call_command(name, *args, stdout=output)
    return output.getvalue().strip()
