"""Figures for scripts/benchmark-casework (run that script, not this file)."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import time

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from liaison.cases.models import Case, Exchange  # noqa: E402
from liaison.cases.selectors import responsiveness  # noqa: E402
from liaison.core.roles import CASE_OFFICER, VIEWER  # noqa: E402

USERNAME = "benchmark-casework"


def client_for(name: str, role: str) -> Client:
    user, _created = User.objects.get_or_create(username=name)
    user.groups.set([Group.objects.get(name=role)])
    client = Client()
    client.force_login(user)
    return client


def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(label: str, action, requests: int) -> None:  # type: ignore[no-untyped-def]
    action()  # warm-up (caches, connection)
    counted: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = action()
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<46} {statistics.median(timings):>8.0f} {percentile(timings, 0.95):>8.0f}"
        f" {len(counted):>8} {status:>6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20, help="Requests per page (N).")
    parser.add_argument("--year", type=int, default=2023, help="The casework report's year.")
    args = parser.parse_args()

    cases = Case.objects.count()
    exchanges = Exchange.objects.count()
    busy = (
        Exchange.objects.values("partner__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("partner__code", "n")
        .first()
    )
    if busy is None:
        raise SystemExit("No exchange: run liaison generate-casework-scale first.")
    busy_code, busy_count = busy
    busy_case = (
        Exchange.objects.filter(case__cms_reference__startswith="SCALE-")
        .values("case_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("case_id", flat=True)
        .first()
    )
    officer = client_for(USERNAME, CASE_OFFICER)
    viewer = client_for(f"{USERNAME}-viewer", VIEWER)

    def get(client: Client, url: str):  # type: ignore[no-untyped-def]
        def action() -> int:
            return client.get(url).status_code

        return action

    def figures() -> int:
        year = args.year
        responsiveness(end=datetime.date(year, 12, 31), start=datetime.date(year, 1, 1))
        return 0

    print(
        f"{datetime.date.today()} on {platform.node()} ({os.cpu_count()} cores seen), "
        f"{connection.vendor}: {cases} cases, {exchanges} exchanges; busiest partner "
        f"{busy_code} ({busy_count} exchanges); {args.requests} requests each."
    )
    print(f"{'page':<46} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'status':>6}")
    pages = [
        ("case list /cases/", get(officer, "/cases/")),
        ("case list filtered by partner", get(officer, f"/cases/?partner={busy_code}")),
        (f"case page (busiest case, id {busy_case})", get(officer, f"/cases/{busy_case}/")),
        ("overdue exchanges /cases/exchanges/overdue/", get(officer, "/cases/exchanges/overdue/")),
        (f"partner page /partners/{busy_code}/", get(officer, f"/partners/{busy_code}/")),
        (f"channels panel /channels/{busy_code}/", get(officer, f"/channels/{busy_code}/")),
        (
            f"channels API /api/partners/{busy_code}/channels/",
            get(officer, f"/api/partners/{busy_code}/channels/"),
        ),
        (f"responsiveness, every partner, {args.year}", figures),
        (
            f"casework report /cases/report/?year={args.year}",
            get(viewer, f"/cases/report/?year={args.year}"),
        ),
        (
            f"casework figures API ?year={args.year} (viewer)",
            get(viewer, f"/api/casework/figures/?year={args.year}"),
        ),
        ("exchanges API ?overdue=true", get(officer, "/api/exchanges/?overdue=true")),
    ]
    for label, action in pages:
        measure(label, action, args.requests)


# Pages are rendered without `collectstatic`: plain static storage, no manifest.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if __name__ == "__main__":
    with override_settings(STORAGES=PLAIN_STATIC):
        main()
