"""Figures for scripts/benchmark-necessity (run that script, not this file)."""

from __future__ import annotations

import argparse
import datetime
import platform
import statistics
import time
from collections.abc import Callable

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from liaison.cases.models import Exchange  # noqa: E402
from liaison.core.roles import VIEWER  # noqa: E402
from liaison.necessity.selectors import NecessityParameters, necessity_ranking  # noqa: E402

USERNAME = "benchmark-necessity"


def measure(label: str, action: Callable[[], object], runs: int) -> None:
    action()  # warm-up (caches, connection)
    counted: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted.append(sql)
        return execute(sql, params, many, context)

    timings = []
    with connection.execute_wrapper(count):
        for _ in range(runs):
            counted.clear()
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started) * 1000)
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{label:<55} p50 {statistics.median(timings):8.0f} ms  p95 {p95:8.0f} ms  "
        f"queries {len(counted)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--as-of", default="2025-12-31", help="End of the window (YYYY-MM-DD).")
    options = parser.parse_args()
    as_of = datetime.date.fromisoformat(options.as_of)
    total = Exchange.objects.count()
    print(f"{platform.node()}, PostgreSQL {connection.pg_version}, {total:,} exchanges")
    params = NecessityParameters(as_of=as_of)
    in_window = Exchange.objects.filter(sent_on__gte=params.start, sent_on__lte=as_of).count()
    print(f"window {params.start} to {as_of}: {in_window:,} exchanges")
    measure(
        "ranking (selector and engine)",
        lambda: necessity_ranking(params=params, with_strategy=False),
        options.runs,
    )
    measure(
        "ranking with the strategy comparison",
        lambda: necessity_ranking(params=params),
        options.runs,
    )
    user, _created = User.objects.get_or_create(username=USERNAME)
    user.groups.set([Group.objects.get(name=VIEWER)])
    client = Client()
    client.force_login(user)
    measure(
        "GET /api/necessity/ (viewer)",
        lambda: client.get(f"/api/necessity/?as_of={as_of}"),
        options.runs,
    )
    measure(
        "GET /necessity/ (page)",
        lambda: client.get(f"/necessity/?as_of={as_of}"),
        options.runs,
    )


# Pages are rendered without `collectstatic`: plain static storage, no manifest.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if __name__ == "__main__":
    with override_settings(STORAGES=PLAIN_STATIC):
        main()
