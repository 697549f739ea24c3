"""scripts/cluster: Liaison as a production stack on this machine.

Two `liaison serve` instances (each with a data directory of its own: nothing shared on
disk) behind HAProxy, one job worker running django-q2's cluster and its scheduler, the
local PostgreSQL (a database of its own) and Redis (the job broker), and a local
S3-compatible server (moto) for documents and export files. Everything runs in the
foreground until Ctrl+C, or in the background with `start --detach` until `stop`.

The addresses and process ids of a running cluster are in cluster.json in its folder
(LIAISON_CLUSTER_DIR), for scripts and tests that drive it."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from liaison.core.testing.s3 import S3Endpoint, bucket_create  # noqa: E402

STATE = Path(
    os.environ.get("LIAISON_CLUSTER_DIR") or Path(tempfile.gettempdir()) / "liaison-cluster"
)
# The balancer listens here; the instances, the S3 server take the next ports.
PORT = int(os.environ.get("LIAISON_CLUSTER_PORT", "8120"))
DATABASE_URL = os.environ.get(
    "LIAISON_CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/liaison_cluster"
)
REDIS_URL = os.environ.get("LIAISON_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/0")
# gunicorn processes per instance (each with 4 threads): 1 keeps a small machine usable.
WEB_WORKERS = os.environ.get("LIAISON_CLUSTER_WEB_WORKERS", "1")
INSTANCES = {"a": PORT + 1, "b": PORT + 2}
S3_PORT = PORT + 3
BUCKET = "liaison"


def say(text: str) -> None:
    print(f"[cluster] {text}", flush=True)


def fail(text: str) -> None:
    print(f"[cluster] {text}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def state_read() -> dict[str, Any] | None:
    try:
        return dict(json.loads((STATE / "cluster.json").read_text()))
    except FileNotFoundError:
        return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def haproxy_binary() -> str:
    """HAProxy from Debian's packages, installed on first use when we are root."""
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
    if found:
        return found
    if os.geteuid() != 0:
        fail("HAProxy is missing: install it with `sudo apt-get install -y haproxy`.")
    say("Installing HAProxy (apt-get install -y haproxy) ...")
    install = ["apt-get", "install", "-y", "-q", "haproxy"]
    if subprocess.run(install, check=False).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update", "-q"], check=False)  # noqa: S607
        subprocess.run(install, check=True)  # noqa: S603
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
    if not found:
        fail("HAProxy was installed but its command is not found.")
    return str(found)


def database_ensure(url: str, *, fresh: bool) -> None:
    """The cluster's own database on the local PostgreSQL: created if missing, dropped and
    created again with --fresh."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        fail(f"The cluster database name {name!r} may hold letters, digits and _ only.")
    server = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(server, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and fresh:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = None
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
                say(f"Created the database {name}.")
    except psycopg.OperationalError as error:
        fail(f"PostgreSQL is not reachable at {server} ({error}). Start it and try again.")


def redis_check(url: str, *, fresh: bool) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        fail(f"Redis is not reachable at {url} ({error}). Start it and try again.")
    if fresh:  # jobs left over from an earlier cluster, and nothing else of that database
        for key in client.scan_iter("django_q:*"):
            client.delete(key)


def wait_for(url: str, *, seconds: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            fail(f"A process stopped while starting ({url}): see the logs in {STATE}.")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (our own)
                if answer.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.5)
    fail(f"{url} did not answer within {seconds:.0f} s: see the logs in {STATE}.")


def secret_key() -> str:
    """One key for every instance (sessions, CSRF and signed values must verify on any of
    them), generated once per cluster folder."""
    path = STATE / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


def environment(s3: S3Endpoint, data_dir: Path) -> dict[str, str]:
    """What every process of the cluster is given: the caller's environment (so that any
    LIAISON_* setting can be tried), then the cluster's own settings."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.setdefault("LIAISON_ADMINISTRATOR_SECOND_FACTOR", "true")
    env.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "LIAISON_DATA_DIR": str(data_dir),
            "LIAISON_SECRET_KEY": secret_key(),
            # Plain http on 127.0.0.1 here; in production TLS ends at the balancer.
            "LIAISON_HTTPS": "false",
            "LIAISON_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LIAISON_JOB_BROKER_URL": REDIS_URL,
            **s3.environment(),
        }
    )
    return env


def haproxy_config(health_path: str) -> str:
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{port} check" for name, port in INSTANCES.items()
    )
    return f"""# Generated by scripts/cluster: the balancer in front of the Liaison instances.
global
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A connection refused by a stopped instance is tried again on another one. Requests
    # that reached an instance are never resent: a write could be applied twice.
    retries 3
    option redispatch 1

frontend liaison
    bind 127.0.0.1:{PORT}
    # The client address for the lock-out counters, replacing whatever the client sent.
    http-request set-header X-Forwarded-For %[src]
    default_backend instances

backend instances
    balance roundrobin
    option httpchk
    http-check send meth GET uri {health_path} ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
{servers}
"""


def health_path(port: int) -> str:
    """/healthz where this version of Liaison has it, else the login page (always 200)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:  # noqa: S310
            if answer.status == 200:
                return "/healthz"
    except OSError:
        pass
    return "/login/"


class Cluster:
    def __init__(self) -> None:
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def spawn(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(STATE / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the child)
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # A process group of its own: stopped as a whole, and not by the terminal's Ctrl+C
            # before we stop it in order.
            start_new_session=True,
        )
        self.processes[name] = process
        self.save()
        return process

    def save(self) -> None:
        state = {
            "url": f"http://127.0.0.1:{PORT}/",
            "instances": {name: f"http://127.0.0.1:{port}/" for name, port in INSTANCES.items()},
            "s3": f"http://127.0.0.1:{S3_PORT}",
            "database_url": DATABASE_URL,
            "redis_url": REDIS_URL,
            "pids": {name: process.pid for name, process in self.processes.items()},
        }
        (STATE / "cluster.json").write_text(json.dumps(state, indent=2))

    def start(self, *, fresh: bool) -> None:
        STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
        running = state_read()
        if running and any(alive(pid) for pid in running["pids"].values()):
            fail(f"A cluster already runs from {STATE}: `scripts/cluster stop` first.")
        haproxy = haproxy_binary()
        database_ensure(DATABASE_URL, fresh=fresh)
        redis_check(REDIS_URL, fresh=fresh)
        liaison = str(BIN / "liaison")

        say(f"Starting the S3 server on 127.0.0.1:{S3_PORT} ...")
        s3 = S3Endpoint(url=f"http://127.0.0.1:{S3_PORT}", bucket=BUCKET)
        self.spawn(
            "s3",
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)],
            dict(os.environ),
        )
        wait_for(s3.url, seconds=60, process=self.processes["s3"])
        bucket_create(s3)

        # Both instances start at once: `serve` migrates the database, loads the reference
        # data into an empty register and creates the first administrator, one instance
        # after the other (a PostgreSQL advisory lock), then collects static files into the
        # instance's own folder and serves.
        for name, port in INSTANCES.items():
            say(f"Starting instance {name} on 127.0.0.1:{port} (it prepares the database) ...")
            self.spawn(
                name,
                [
                    liaison,
                    "serve",
                    "--no-job-worker",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    WEB_WORKERS,
                ],
                environment(s3, STATE / f"data-{name}"),
            )
        for name, port in INSTANCES.items():
            wait_for(f"http://127.0.0.1:{port}/login/", seconds=300, process=self.processes[name])
        for name in INSTANCES:
            for line in (STATE / f"{name}.log").read_text(errors="replace").splitlines():
                if line.strip().startswith(("user name:", "password:")):
                    say(f"First administrator: {line.strip()}")
        say("Starting the job worker and scheduler (liaison qcluster) ...")
        self.spawn("worker", [liaison, "qcluster"], environment(s3, STATE / "data-worker"))

        config = STATE / "haproxy.cfg"
        config.write_text(haproxy_config(health_path(INSTANCES["a"])))
        say(f"Starting HAProxy on 127.0.0.1:{PORT} ({config}) ...")
        self.spawn("balancer", [haproxy, "-f", str(config), "-db"], dict(os.environ))
        wait_for(f"http://127.0.0.1:{PORT}/login/", seconds=30, process=self.processes["balancer"])
        say(f"Liaison runs on http://127.0.0.1:{PORT}/ (logs and settings in {STATE}).")


def stop() -> None:
    """Stop every process of the cluster recorded in cluster.json: the balancer first (no new
    requests), then the others together, each given 30 s to finish what it does."""
    state = state_read()
    if not state:
        say(f"No cluster recorded in {STATE}.")
        return
    pids = {name: int(pid) for name, pid in state["pids"].items()}
    balancer = {name: pid for name, pid in pids.items() if name == "balancer"}
    rest = {name: pid for name, pid in pids.items() if name != "balancer"}
    for group in (balancer, rest):
        running = {name: pid for name, pid in group.items() if alive(pid)}
        for name, pid in running.items():
            say(f"Stopping {name} (process {pid}) ...")
            # The leader only: gunicorn's master and django-q2's cluster stop their own
            # processes in order when told so.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in running.values()) and time.monotonic() < deadline:
            for pid in running.values():
                _reap(pid)
            time.sleep(0.2)
        for pid in running.values():
            # Whatever of the process group is left (all of it, past the 30 s).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            _reap(pid)
    (STATE / "cluster.json").unlink(missing_ok=True)
    say("Stopped.")


def _reap(pid: int) -> None:
    """Collect a child that ended, so that it no longer counts as alive."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def status() -> None:
    state = state_read()
    if not state:
        say(f"No cluster recorded in {STATE}.")
        return
    for name, pid in state["pids"].items():
        say(f"{name:9} pid {pid:>7}  {'running' if alive(pid) else 'stopped'}")
    say(f"Liaison: {state['url']}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/cluster", description=__doc__)
    parser.add_argument("action", nargs="?", default="start", choices=["start", "stop", "status"])
    parser.add_argument(
        "-d", "--detach", action="store_true", help="start and return, leaving it running"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="drop the cluster's database and queued jobs first (a new, empty register)",
    )
    options = parser.parse_args()
    if options.action == "stop":
        stop()
        return
    if options.action == "status":
        status()
        return
    cluster = Cluster()
    try:
        cluster.start(fresh=options.fresh)
    except BaseException:
        stop()
        raise
    if options.detach:
        say("Stop it with `scripts/cluster stop`.")
        return
    say("Stop it with Ctrl+C.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(process.poll() is None for process in cluster.processes.values()):
            time.sleep(1)
        say("A process of the cluster stopped: stopping the others.")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        stop()


if __name__ == "__main__":
    main()
