"""/metrics: Prometheus' figures for the monitoring system only, summed over every worker
process of an instance."""

from __future__ import annotations

import ipaddress
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone
from django_q.models import OrmQ, Task
from prometheus_client import CollectorRegistry, generate_latest, multiprocess

from liaison.core import health_views

pytestmark = [pytest.mark.django_db]

TOKEN = "m" * 40


@login_not_required
def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# The root URLs of the error test: the metrics, and a page that fails.
urlpatterns = [
    path("metrics", health_views.metrics, name="metrics"),
    path("healthz", health_views.healthz, name="healthz"),
    path("broken", _broken, name="broken"),
]


def figure(text: str, name: str, **labels: str) -> float:
    """One sample's value in Prometheus' text format (0 when it is not there yet)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def scrape(client: Client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_is_not_found_without_the_token_or_an_allowed_network(client):
    assert client.get("/metrics").status_code == 404
    with override_settings(METRICS_TOKEN=TOKEN):
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {'x' * 40}").status_code == 404
        assert client.get("/metrics", HTTP_AUTHORIZATION=f"Token {TOKEN}").status_code == 404


@override_settings(METRICS_TOKEN=TOKEN)
def test_the_bearer_of_the_token_reads_the_figures(client):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert "liaison_http_requests_total" in response.content.decode()


@override_settings(METRICS_ALLOW=[ipaddress.ip_network("10.1.0.0/16")])
def test_an_allowed_network_reads_them_and_a_forwarded_header_cannot_pretend_to_be_one():
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="10.2.0.1").get("/metrics").status_code == 404
    spoofed = Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.1.2.3")
    assert spoofed.get("/metrics").status_code == 404


@override_settings(METRICS_TOKEN=TOKEN)
def test_requests_are_counted_and_timed_by_view_and_status(client):
    before = scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no-such-page/")
    after = scrape(client)
    healthz = {"method": "GET", "view": "healthz", "status": "200"}
    assert figure(after, "liaison_http_requests_total", **healthz) == (
        figure(before, "liaison_http_requests_total", **healthz) + 2
    )
    missing = {"method": "GET", "view": "unresolved", "status": "404"}
    assert figure(after, "liaison_http_requests_total", **missing) >= 1
    timed = {"method": "GET", "view": "healthz"}
    assert figure(after, "liaison_http_request_duration_seconds_count", **timed) == (
        figure(before, "liaison_http_request_duration_seconds_count", **timed) + 2
    )


@override_settings(METRICS_TOKEN=TOKEN, ROOT_URLCONF=__name__)
def test_a_request_that_fails_is_counted_as_an_error():
    client = Client(raise_request_exception=False)
    before = figure(scrape(client), "liaison_http_errors_total", view="broken")
    assert client.get("/broken").status_code == 500
    after = scrape(client)
    assert figure(after, "liaison_http_errors_total", view="broken") == before + 1
    assert figure(after, "liaison_http_requests_total", view="broken", status="500") >= 1


@override_settings(METRICS_TOKEN=TOKEN)
def test_jobs_and_the_queue_depth_are_read_from_where_they_are_kept(client):
    now = timezone.now()
    for number, success in enumerate([True, True, False]):
        Task.objects.create(
            id=f"task{number}",
            name=f"task{number}",
            func="liaison.exports.jobs.export_run",
            started=now,
            stopped=now,
            success=success,
        )
    OrmQ.objects.create(key="liaison", payload="waiting", lock=now - timezone.timedelta(seconds=1))
    text = scrape(client)
    assert figure(text, "liaison_jobs_finished_last_hour", result="success") == 2
    assert figure(text, "liaison_jobs_finished_last_hour", result="failure") == 1
    assert figure(text, "liaison_jobs_queued") == 1


def test_the_figures_of_every_worker_process_are_summed(tmp_path: Path):
    """Two processes (as gunicorn's workers are) each answer requests; the figures read
    from their shared folder count both. Two Django start-ups run side by side: the
    few seconds are what proves the sum across processes."""
    program = (
        "import django; django.setup(); from django.test import Client; "
        "[Client().get('/healthz', HTTP_HOST='localhost') for _ in range(3)]"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "LIAISON_DATA_DIR": str(tmp_path / "data"),
        "LIAISON_METRICS_DIR": str(tmp_path / "metrics"),
    }
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    workers = [
        subprocess.Popen([sys.executable, "-c", program], env=environment)  # noqa: S603
        for _ in range(2)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(tmp_path / "metrics"))
    text = generate_latest(registry).decode()
    assert figure(text, "liaison_http_requests_total", view="healthz", status="200") == 6


def test_serve_starts_from_no_figures(tmp_path: Path, monkeypatch):
    """An earlier run's files would be summed with this run's: `liaison serve` removes them
    (and nothing else) before its workers start."""
    from liaison.core.management.commands.serve import clear_metrics_dir

    (tmp_path / "counter_123.db").write_bytes(b"old")
    (tmp_path / "histogram_123.db").write_bytes(b"old")
    (tmp_path / "README").write_text("kept")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    clear_metrics_dir()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README"]
