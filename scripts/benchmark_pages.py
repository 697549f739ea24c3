"""Figures for scripts/benchmark (run that script, not this file).

Every request is paired with the floor request (GET /api/regions/?page_size=1 with a
token) sent just before it; the ratio of each pair cancels most of the noise of a shared
machine. Prints a table and writes JSON for comparing commits."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402, F401
from django.utils import timezone  # noqa: E402

from liaison.contacts.models import ContactPoint, Interaction  # noqa: E402
from liaison.core.history import history_context  # noqa: E402
from liaison.core.services import api_token_create  # noqa: E402
from liaison.engagements.models import Engagement, Project  # noqa: E402
from liaison.instruments.models import Instrument  # noqa: E402
from liaison.partners.models import Partner  # noqa: E402
from liaison.strategy.models import Strategy  # noqa: E402
from liaison.transfers.models import TransferAssessment  # noqa: E402

FLOOR = "/api/regions/?page_size=1"
SEARCHES = (
    "Serbai",
    "Ivory Coast",
    "Costa do Marfim",
    "CI",
    "Serbia",
    "agreement",
    "synthetic",
    "prosecutor office",
    "engagement 99999",
)
USER = "benchmark-admin"
ASSESSMENT = {
    "partner": "RS",
    "data_category": "operational_personal_data",
    "necessity": "Benchmark request: necessary for an investigation.",
    "originating_member_state": "NL",
    "member_state_authorisation": "prior",
    "receiving_authority": "Benchmark: the public prosecution service",
    "receiving_authority_competent": True,
}


@dataclass
class Target:
    name: str
    path: str
    kind: str  # page, api, post, export
    method: str = "GET"
    body: dict[str, Any] | None = None


@dataclass
class Row:
    name: str
    path: str
    kind: str
    runs: int
    status: str
    p50_ms: float | None = None
    p95_ms: float | None = None
    ratio_p50: float | None = None
    ratio_p95: float | None = None
    queries: int | None = None
    peak_rss_mb: float | None = None
    errors: list[str] = field(default_factory=list)


class Client:
    def __init__(self, port: int, token: str, session: str) -> None:
        self.port = port
        self.token = token
        self.session = session

    def request(
        self, target: Target, *, timeout: float = 120.0
    ) -> tuple[float, int, dict[str, str]]:
        """Milliseconds to the whole answer (to the first byte of the body for exports)."""
        headers = {"Host": "127.0.0.1"}
        if target.path.startswith("/api/"):
            headers["Authorization"] = f"Token {self.token}"
        else:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self.session}"
        body = None
        if target.body is not None:
            body = json.dumps(target.body)
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            start = time.perf_counter()
            connection.request(target.method, target.path, body=body, headers=headers)
            response = connection.getresponse()
            if target.kind == "export":
                response.read(1)
            else:
                response.read()
            elapsed = (time.perf_counter() - start) * 1000
            return elapsed, response.status, dict(response.getheaders())
        finally:
            connection.close()


def workers(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]


def reset_peaks(master: int) -> None:
    for pid in workers(master):
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM (peak RSS)


def peak_rss_mb(master: int) -> float | None:
    peaks = []
    for pid in workers(master):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return round(max(peaks), 1) if peaks else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def prepare() -> tuple[str, str]:
    """A superuser for the benchmark, its API token and a logged-in session."""
    with history_context(correlation_id="benchmark"):
        user, created = User.objects.get_or_create(
            username=USER, defaults={"is_superuser": True, "is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save()
        _token, key = api_token_create(user=user, name="benchmark", days=1)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return key, session.session_key


def targets(include_exports: bool) -> list[Target]:
    today = timezone.localdate()
    month_ago = (today - datetime.timedelta(days=30)).isoformat()
    partner = Partner.objects.filter(code="RS").first() or Partner.objects.first()
    assert partner is not None, "the register is empty: load the reference data first"
    code = partner.code
    instrument = Instrument.objects.filter(partner=partner).first() or Instrument.objects.first()
    contact = ContactPoint.objects.filter(partner=partner).order_by("-pk").first()
    interaction = Interaction.objects.order_by("-pk").first()
    assessment = TransferAssessment.objects.order_by("-pk").first()
    engagement = Engagement.objects.order_by("-start_date").first()
    project = Project.objects.first()
    strategy = Strategy.objects.first()
    someone = (
        TransferAssessment.objects.order_by("-pk")
        .values_list("requested_by_username", flat=True)
        .first()
        or USER
    )
    dates = f"since={month_ago}&until={today.isoformat()}"
    found: list[Target | None] = [
        Target("home", "/", "page"),
        Target("partner list", "/partners/", "page"),
        Target("partner page", f"/partners/{code}/", "page"),
        # Its two panels, loaded by htmx after it (each also a page without JavaScript).
        Target("partner page: channels", f"/partners/{code}/channels/", "page"),
        Target("partner page: casework", f"/partners/{code}/casework/", "page"),
        Target("instrument list", "/instruments/", "page"),
        Target("instrument page", f"/instruments/{instrument.pk}/", "page") if instrument else None,
        Target("proposals", "/instruments/proposals/", "page"),
        Target("sources", "/sources/", "page"),
        Target("strategy", "/strategy/", "page"),
        Target("strategy history", "/strategy/history/", "page"),
        Target("strategy regions", "/strategy/regions/", "page"),
        Target("strategy report", "/strategy/report/", "page"),
        Target("change log", "/changes/", "page"),
        Target("change log, dates", f"/changes/?{dates}", "page"),
        Target("access log", "/access-log/", "page"),
        Target("access log, user+dates", f"/access-log/?username={someone}&{dates}", "page"),
        Target("contact points", "/contacts/", "page"),
        Target("contact page", f"/contacts/{contact.pk}/", "page") if contact else None,
        Target("contact activity", "/contacts/activity/", "page"),
        Target("contact activity by partner", "/contacts/activity/partners/", "page"),
        Target("coverage", "/contacts/coverage/", "page"),
        Target("channels", f"/channels/{code}/", "page"),
        Target("engagement list", "/engagements/", "page"),
        Target("engagements of partner", f"/engagements/?partner={code}", "page"),
        Target("engagement page", f"/engagements/{engagement.key}/", "page")
        if engagement
        else None,
        Target("project page", f"/engagements/projects/{project.key}/", "page")
        if project
        else None,
        Target("assessment list", "/transfer-assessments/", "page"),
        Target("assessment page", f"/transfer-assessments/{assessment.pk}/", "page")
        if assessment
        else None,
        Target("self-assessed", "/transfer-assessments/self-assessed/", "page"),
        Target("API partners (100)", "/api/partners/?page_size=100", "api"),
        Target("API partner", f"/api/partners/{code}/", "api"),
        Target("API partner history", f"/api/partners/{code}/history/", "api"),
        Target("API instruments", "/api/instruments/", "api"),
        Target("API instrument", f"/api/instruments/{instrument.pk}/", "api")
        if instrument
        else None,
        Target("API changes, dates", f"/api/changes/?{dates}", "api"),
        Target("API assessments, partner", f"/api/transfer-assessments/?partner={code}", "api"),
        Target("API assessment", f"/api/transfer-assessments/{assessment.pk}/", "api")
        if assessment
        else None,
        Target("API contact points, partner", f"/api/contact-points/?partner={code}", "api"),
        Target("API contact point", f"/api/contact-points/{contact.pk}/", "api")
        if contact
        else None,
        Target("API interactions", "/api/interactions/", "api"),
        Target("API interaction", f"/api/interactions/{interaction.pk}/", "api")
        if interaction
        else None,
        Target("API engagements, partner", f"/api/engagements/?partner={code}", "api"),
        Target("API projects", "/api/projects/", "api"),
        Target("API project", f"/api/projects/{project.key}/", "api") if project else None,
        Target("API strategy progress", f"/api/strategies/{strategy.key}/progress/", "api")
        if strategy
        else None,
        Target("API channels", f"/api/partners/{code}/channels/", "api"),
        Target("assessment POST", "/api/transfer-assessments/", "post", "POST", ASSESSMENT),
        # The search box (liaison.search): a slip, another language, a code, and words that
        # every synthetic engagement and contact point holds (the most rows to rank).
        *(
            Target(f"search: {text}", f"/search/?{urlencode({'q': text})}", "page")
            for text in SEARCHES
        ),
        *(
            Target(f"API search: {text}", f"/api/search/?{urlencode({'q': text})}", "api")
            for text in SEARCHES
        ),
    ]
    if include_exports:
        found += [
            Target("export: assessments CSV", "/transfer-assessments/export.csv", "export"),
            Target("export: access log CSV", "/access-log/export.csv", "export"),
            Target("export: strategy CSV", "/strategy/report.csv", "export"),
            Target("export: strategy PDF", "/strategy/report.pdf", "export"),
            Target("export: calendar", "/engagements/calendar.ics", "export"),
        ]
    return [t for t in found if t is not None]


def measure(client: Client, master: int, target: Target, runs: int) -> Row:
    floor = Target("floor", FLOOR, "api")
    row = Row(target.name, target.path, target.kind, 0, "ok")
    times: list[float] = []
    ratios: list[float] = []
    queries: list[int] = []
    with contextlib.suppress(TimeoutError, OSError):
        client.request(target)  # warm-up (caches, first query plans), not counted
    reset_peaks(master)
    for _ in range(runs):
        try:
            floor_ms, _status, _headers = client.request(floor)
            elapsed, status, headers = client.request(target)
        except (TimeoutError, OSError) as error:
            row.errors.append(type(error).__name__)
            continue
        if status >= 400:
            row.errors.append(str(status))
            continue
        times.append(elapsed)
        ratios.append(elapsed / floor_ms)
        if "X-Query-Count" in headers:
            queries.append(int(headers["X-Query-Count"]))
    row.runs = len(times)
    row.peak_rss_mb = peak_rss_mb(master)
    if not times:
        row.status = "failed: " + ", ".join(sorted(set(row.errors)))
        return row
    if row.errors:
        row.status = f"{len(row.errors)} failed"
    row.p50_ms = round(statistics.median(times), 1)
    row.p95_ms = round(percentile(times, 0.95), 1)
    row.ratio_p50 = round(statistics.median(ratios), 1)
    row.ratio_p95 = round(percentile(ratios, 0.95), 1)
    row.queries = max(queries) if queries else None
    return row


def throughput(client: Client, target: Target, seconds: float, concurrency: int) -> float:
    done = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def work() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            try:
                _elapsed, status, _headers = client.request(target)
            except (TimeoutError, OSError):
                continue
            if status < 400:
                with lock:
                    done += 1

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(done / (time.perf_counter() - started), 1)


def commit() -> str:
    try:
        git = ["git", "rev-parse", "--short", "HEAD"]
        return subprocess.run(  # noqa: S603
            git,  # noqa: S607 (git from the path)
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cell(value: Any) -> str:
    return "-" if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--master", type=int, required=True, help="gunicorn master pid")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--export-runs", type=int, default=3)
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--throughput-seconds", type=float, default=10.0)
    parser.add_argument(
        "--only", default="", help="measure only names containing one of these (comma-separated)"
    )
    parser.add_argument("--label", default="", help="a name for this run in the JSON")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    options = parser.parse_args()

    key, session = prepare()
    client = Client(options.port, key, session)
    rows = []
    header = (
        f"{'request':32} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'x floor p50':>11} "
        f"{'x floor p95':>11} {'queries':>7} {'peak MB':>8}  status"
    )
    print(header)
    print("-" * len(header))
    for target in targets(include_exports=not options.no_exports):
        wanted = [word.strip().lower() for word in options.only.split(",") if word.strip()]
        if wanted and not any(word in target.name.lower() for word in wanted):
            continue
        runs = options.export_runs if target.kind == "export" else options.runs
        row = measure(client, options.master, target, runs)
        rows.append(row)
        print(
            f"{row.name:32} {row.runs:>3} {cell(row.p50_ms):>8} {cell(row.p95_ms):>8} "
            f"{cell(row.ratio_p50):>11} {cell(row.ratio_p95):>11} {cell(row.queries):>7} "
            f"{cell(row.peak_rss_mb):>8}  {row.status}",
            flush=True,
        )
    rates: dict[str, float] = {}
    if options.throughput_seconds > 0:
        code = "RS" if Partner.objects.filter(code="RS").exists() else Partner.objects.first().code  # type: ignore[union-attr]
        for target in (
            Target("API partners (100)", "/api/partners/?page_size=100", "api"),
            Target("partner page", f"/partners/{code}/", "page"),
            Target("assessment POST", "/api/transfer-assessments/", "post", "POST", ASSESSMENT),
        ):
            rates[target.name] = throughput(client, target, options.throughput_seconds, 8)
            print(f"requests/s at concurrency 8, {target.name}: {rates[target.name]}", flush=True)
    report = {
        "label": options.label,
        "commit": commit(),
        "date": timezone.now().isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} cores",
        "database": settings.DATABASES["default"]["NAME"],
        "partners": Partner.objects.count(),
        "assessments": TransferAssessment.objects.count(),
        "rows": [asdict(row) for row in rows],
        "requests_per_second_at_8": rates,
    }
    if options.json:
        options.json.write_text(json.dumps(report, indent=2))
        print(f"Figures written to {options.json}")


if __name__ == "__main__":
    main()
