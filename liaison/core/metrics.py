"""Prometheus figures: requests, latency and errors counted as they are served, jobs and
the queue depth read from the database and the broker when /metrics is read.

Gunicorn serves from several worker processes: each writes its counts to files under
PROMETHEUS_MULTIPROC_DIR (set by config/settings.py) and /metrics sums them all, so that
any worker's answer covers the whole instance. Jobs and the queue are read where they are
kept, so every instance (and every worker machine) gives the same figures."""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "liaison_http_requests",
    "Requests answered, by method, view and status code.",
    ["method", "view", "status"],
    registry=None,
)
LATENCY = Histogram(
    "liaison_http_request_duration_seconds",
    "Time from the request's arrival to its answer, by method and view.",
    ["method", "view"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=None,
)
ERRORS = Counter(
    "liaison_http_errors",
    "Requests that ended in an unexpected error (answered 500), by view.",
    ["view"],
    registry=None,
)
# The methods a series may be labelled with: any other (a caller may send any token of
# capitals) is counted as "other", so that callers cannot make new series without bound.
KNOWN_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}
)
# Headers a proxy or load balancer adds to the requests it passes on.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
# How far back the job figures look.
JOB_WINDOW = datetime.timedelta(hours=1)


def _view_name(request: HttpRequest) -> str:
    """The URL pattern's name, never the path: one series per page, not one per record."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return "unresolved"
    return str(match.view_name)


def _method_label(request: HttpRequest) -> str:
    """The request's method if it is a standard one, else "other"."""
    method = request.method or ""
    return method if method in KNOWN_METHODS else "other"


class MetricsMiddleware:
    """Counts and times every request (first in the chain, so it times all the others)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = _view_name(request)
        method = _method_label(request)
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        LATENCY.labels(method, view).observe(time.perf_counter() - started)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        ERRORS.labels(_view_name(request)).inc()


class JobCollector(Collector):
    """Jobs run and failed in the last hour and the jobs waiting, read when scraped."""

    def collect(self) -> Iterator[Metric]:
        from django_q.brokers import get_broker
        from django_q.models import Task

        since = timezone.now() - JOB_WINDOW
        finished = GaugeMetricFamily(
            "liaison_jobs_finished_last_hour",
            "Jobs that finished in the last hour, by result (failures are retried up to "
            "LIAISON_JOB_ATTEMPTS times; every one is listed in the admin).",
            labels=["result"],
        )
        recent = Task.objects.filter(stopped__gte=since)
        finished.add_metric(["success"], recent.filter(success=True).count())
        finished.add_metric(["failure"], recent.filter(success=False).count())
        yield finished
        yield GaugeMetricFamily(
            "liaison_jobs_queued",
            "Jobs waiting in the queue for a worker.",
            value=get_broker().queue_size(),
        )


def metrics_allowed(request: HttpRequest) -> bool:
    """A bearer of the metrics token, or a request from an allowed network."""
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    offered = given.removeprefix("Bearer ").strip().encode()
    if token and given.startswith("Bearer ") and hmac.compare_digest(offered, token.encode()):
        return True
    # The address that connects to this instance, never one a header claims. A request
    # passed on by a proxy or load balancer connects from the proxy's address, which may be
    # in an allowed network whoever sent it: such a request needs the token.
    if any(request.META.get(header) is not None for header in FORWARDED_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOW)


def metrics_text() -> bytes:
    """Every process's figures of this instance, then the jobs', in Prometheus' format."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, LATENCY, ERRORS):
            registry.register(metric)
    registry.register(JobCollector())
    return generate_latest(registry)
