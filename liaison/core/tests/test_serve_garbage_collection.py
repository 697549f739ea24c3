"""`liaison serve` keeps full garbage collections rare and short in its workers."""

from __future__ import annotations

import gc
from typing import Any

from liaison.core.management.commands import serve


def test_each_worker_freezes_what_start_up_loaded_and_collects_less_often() -> None:
    thresholds = gc.get_threshold()
    try:
        serve.worker_ready(worker=None)
        assert gc.get_freeze_count() > 1000
        assert gc.get_threshold()[0] >= 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_the_server_runs_that_hook_in_every_worker(monkeypatch: Any, db: None) -> None:
    given: dict[str, Any] = {}

    def fake_run(self: Any) -> None:
        given.update(self.options)

    monkeypatch.setattr(serve.LiaisonServer, "run", fake_run)
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve.Command, "_ensure_administrator", lambda self: None)
    try:
        serve.Command().handle(
            host="127.0.0.1",
            port=8000,
            workers=2,
            threads=serve.DEFAULT_THREADS,
            prepare_only=False,
            no_job_worker=True,
        )
    finally:
        gc.unfreeze()
    assert given["post_worker_init"] is serve.worker_ready


def test_workers_inherit_every_content_type_already_read(
    db: None, django_assert_num_queries: Any
) -> None:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    serve.warm_content_types()
    with django_assert_num_queries(0):
        for model in apps.get_models():
            ContentType.objects.get_for_model(model)
