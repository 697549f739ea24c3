"""`liaison serve` starts one job worker next to the web server, and stops it with it;
`--no-job-worker` leaves the jobs to workers that run elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from liaison.core.management.commands import serve

pytestmark = [pytest.mark.django_db]


class FakeWorker:
    def __init__(self, arguments: list[str]) -> None:
        self.arguments = arguments
        self.terminated = False

    def poll(self) -> None:
        return None

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float | None = None) -> int:
        return 0


@pytest.fixture
def started(monkeypatch: Any) -> list[Any]:
    workers: list[FakeWorker] = []
    served: list[str] = []

    def popen(arguments: list[str], **kwargs: Any) -> FakeWorker:
        workers.append(FakeWorker(arguments))
        return workers[-1]

    def serve_until_stopped(
        self: Any, application: Any, address: str, count: int, threads: int
    ) -> None:
        served.append(address)
        assert not any(worker.terminated for worker in workers)  # running while serving
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(serve.subprocess, "Popen", popen)
    monkeypatch.setattr(serve.Command, "_serve", serve_until_stopped)
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    return workers


def test_serve_starts_the_job_worker_and_stops_it_on_exit(started):
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", "--port", "8765")
    (worker,) = started
    assert worker.arguments[-1] == "qcluster"
    assert worker.terminated


def test_serve_can_leave_the_jobs_to_other_machines(started):
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", "--no-job-worker")
    assert started == []
