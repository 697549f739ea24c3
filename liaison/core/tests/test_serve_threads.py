"""`liaison serve` runs a few threads per worker, so that one request's database waits
overlap with another's Python; one thread is gunicorn's plain sync worker."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from django.core.management.base import CommandError

from liaison.core.management.commands import serve


def served_with(monkeypatch: Any, threads: int) -> dict[str, Any]:
    given: dict[str, Any] = {}
    monkeypatch.setattr(serve.LiaisonServer, "run", lambda self: given.update(self.options))
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve.Command, "_ensure_administrator", lambda self: None)
    try:
        serve.Command().handle(
            host="127.0.0.1",
            port=8000,
            workers=2,
            threads=threads,
            prepare_only=False,
            no_job_worker=True,
        )
    finally:
        gc.unfreeze()
    return given


def test_it_serves_with_threaded_workers_by_default(monkeypatch: Any, db: None) -> None:
    given = served_with(monkeypatch, serve.DEFAULT_THREADS)
    assert serve.DEFAULT_THREADS > 1
    assert (given["worker_class"], given["threads"]) == ("gthread", serve.DEFAULT_THREADS)
    assert given["workers"] == 2


def test_one_thread_is_the_plain_sync_worker(monkeypatch: Any, db: None) -> None:
    assert served_with(monkeypatch, 1)["worker_class"] == "sync"


def test_it_refuses_no_thread() -> None:
    with pytest.raises(CommandError, match="--threads must be at least 1"):
        serve.Command().handle(host="127.0.0.1", port=8000, workers=2, threads=0, prepare_only=True)
