"""The job queue: jobs run on a worker (here synchronously), failures are kept for the
administrator, and the scheduled work is defined once in the code and queued once per
period."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_q.models import Failure, Schedule, Success, Task
from django_q.scheduler import scheduler
from django_q.tasks import async_task

from liaison.exports.jobs import SCHEDULES, schedules_sync
from liaison.exports.tests.conftest import signed_in

pytestmark = [pytest.mark.django_db]


def test_the_scheduled_work_is_registered_by_migrate():
    names = set(Schedule.objects.values_list("name", flat=True))
    assert names == {
        "strategy-snapshot",
        "contacts-retention",
        "engagements-retention",
        "exports-expire",
        "notifications",
    }
    assert Schedule.objects.get(name="notifications").schedule_type == Schedule.HOURLY
    snapshot = Schedule.objects.get(name="strategy-snapshot")
    assert snapshot.schedule_type == Schedule.MONTHLY
    assert timezone.localtime(snapshot.next_run).day == 1
    assert Schedule.objects.get(name="contacts-retention").schedule_type == Schedule.DAILY


def test_registering_again_keeps_one_schedule_each_and_its_next_run():
    chosen = timezone.now() + datetime.timedelta(hours=5)
    Schedule.objects.filter(name="contacts-retention").update(next_run=chosen)
    Schedule.objects.filter(name="exports-expire").update(func="something.else")
    schedules_sync()
    schedules_sync()
    assert Schedule.objects.count() == len(SCHEDULES)
    assert Schedule.objects.get(name="contacts-retention").next_run == chosen
    assert Schedule.objects.get(name="exports-expire").func == (
        "liaison.exports.services.exports_expire"
    )


def test_a_due_schedule_is_run_once_however_often_the_scheduler_looks():
    Schedule.objects.exclude(name="exports-expire").update(
        next_run=timezone.now() + datetime.timedelta(days=1)
    )
    due = timezone.now() - datetime.timedelta(minutes=1)
    Schedule.objects.filter(name="exports-expire").update(next_run=due)
    scheduler()  # two workers' schedulers looking one after the other
    scheduler()
    runs = Task.objects.filter(group="exports-expire")
    assert runs.count() == 1 and runs.get().success
    assert runs.get().result == "0 export file(s) expired, 0 import preview file(s) removed"
    next_run = Schedule.objects.get(name="exports-expire").next_run
    assert next_run > timezone.now()


def test_a_job_runs_on_the_worker_and_its_result_is_kept():
    task_id = async_task("liaison.exports.jobs.command_run", "check")
    task = Task.objects.get(id=task_id)
    assert task.success
    assert "no issues" in task.result
    assert Success.objects.filter(id=task_id).exists()


def test_a_failing_job_raises_where_it_is_queued_in_synchronous_mode():
    # No strategy is loaded in this test database: the snapshot command refuses. (On a
    # real worker the failure is kept instead: see test_real_worker.)
    with pytest.raises(Exception, match="No strategy is loaded"):
        async_task("liaison.exports.jobs.command_run", "strategy_snapshot", sync=True)


def test_failed_jobs_are_listed_in_the_admin_for_administrators(erin, alice):
    Task.objects.create(
        id="0" * 32,
        name="snapshot-failed",
        func="liaison.exports.jobs.command_run",
        started=timezone.now(),
        stopped=timezone.now(),
        success=False,
        result="CommandError: No strategy is loaded",
    )
    administrator = signed_in(erin)
    page = administrator.get("/admin/django_q/failure/")
    assert page.status_code == 200
    assert "snapshot-failed" in page.content.decode()
    assert Failure.objects.count() == 1
    assert signed_in(alice).get("/admin/django_q/failure/").status_code == 403
    assert administrator.get("/admin/exports/export/").status_code == 200


def test_every_scheduled_job_names_a_function_that_exists():
    from django.utils.module_loading import import_string

    for job in SCHEDULES:
        assert callable(import_string(job.func)), job.name
