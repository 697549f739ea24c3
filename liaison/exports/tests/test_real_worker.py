"""The real worker process (`liaison qcluster`, as `liaison serve` starts it) against a
database of its own: a job it runs is kept as a success, a failing one as a failure that
the administrator sees, and the queue is left empty."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

LIAISON = [sys.executable, "-m", "liaison.core.cli"]
ENQUEUE = (
    "from django_q.tasks import async_task; "
    "async_task('liaison.exports.jobs.command_run', 'check', task_name='works'); "
    "async_task('liaison.exports.jobs.command_run', 'strategy_snapshot', task_name='fails')"
)


def _results(database: Path) -> dict[str, Any]:
    with sqlite3.connect(database) as connection:
        done = dict(connection.execute("SELECT name, success FROM django_q_task").fetchall())
        queued = connection.execute("SELECT count(*) FROM django_q_ormq").fetchone()[0]
    return {"done": done, "queued": queued}


def test_the_worker_runs_queued_jobs_and_keeps_their_failures(tmp_path: Path) -> None:
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LIAISON_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'liaison.sqlite3'}",
        LIAISON_HTTPS="false",
        LIAISON_JOB_ATTEMPTS="1",
    )
    run = {"env": environment, "check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*LIAISON, "migrate", "-v0"], **run)  # noqa: S603
    subprocess.run([*LIAISON, "shell", "-c", ENQUEUE], **run)  # noqa: S603
    worker = subprocess.Popen(  # noqa: S603
        [*LIAISON, "qcluster"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        results = _results(tmp_path / "liaison.sqlite3")
        while len(results["done"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
            results = _results(tmp_path / "liaison.sqlite3")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert results == {"done": {"works": 1, "fails": 0}, "queued": 0}
