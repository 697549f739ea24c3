"""`liaison serve`: make the database ready, then serve Liaison with gunicorn."""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction
from gunicorn.app.base import BaseApplication

from liaison.core.contributions import first_run_loads

ADMIN_USERNAME = "admin"
# Young collections every 10,000 new objects instead of 700, full ones ten times rarer:
# with the objects of start-up frozen, a request's garbage is small and short-lived.
GC_THRESHOLDS = (10_000, 10, 10)
# A request spends part of its time waiting for PostgreSQL: a few threads per worker let
# those waits overlap with another request's Python (more only queue for the same CPU).
DEFAULT_THREADS = 4
# Gunicorn's usual access line, ending with the request's id as Liaison's own lines name it.
ACCESS_LOG_FORMAT = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" request_id=%({x-request-id}o)s'
)
# The PostgreSQL advisory lock instances hold while they prepare the database (any fixed key).
PREPARATION_LOCK = 0x4C494153


@contextlib.contextmanager
def preparation_lock() -> Iterator[None]:
    """On PostgreSQL, instances started at once prepare the shared database one after the
    other (two `migrate` runs at once would both create the same tables): a session advisory
    lock, on a connection of its own so that migrate may open and close its own."""
    if connections["default"].vendor != "postgresql":
        yield
        return
    holder = connections.create_connection("default")
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [PREPARATION_LOCK])
        yield
    finally:
        holder.close()  # ending the session releases the lock


def worker_ready(worker: Any) -> None:
    """Once a gunicorn worker has loaded Liaison: move everything loaded so far (modules,
    URL patterns, templates, settings) out of the garbage collector's sight, so that a
    full collection no longer walks it (100-186 ms each at the default thresholds), and
    collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def warm_content_types() -> None:
    """Read every model's content type once, before the workers fork: each would otherwise
    read them one query at a time on its first pages (the change log's first view made 18
    queries more). The connection is closed so that no worker inherits it."""
    ContentType.objects.get_for_models(*apps.get_models())
    connections.close_all()


def worker_exited(server: Any, worker: Any) -> None:
    """A worker that ended leaves its counts to the sum; its live-only figures go with it."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def clear_metrics_dir() -> None:
    """The figures of an earlier run of this instance are not this run's: start from none."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder or not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        if name.endswith(".db"):
            os.remove(os.path.join(folder, name))


class LiaisonServer(BaseApplication):
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


class Command(BaseCommand):
    help = (
        "Migrate the database, load the reference data into an empty register, create a "
        "first administrator if there is none, and serve Liaison with gunicorn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to listen on (default: %(default)s)."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to listen on (default: %(default)s)."
        )
        parser.add_argument(
            "--workers", type=int, default=2, help="Worker processes (default: %(default)s)."
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_THREADS,
            help=(
                "Threads per worker (default: %(default)s): while one request waits for the "
                "database, another of the same worker runs."
            ),
        )
        parser.add_argument(
            "--no-job-worker",
            action="store_true",
            help=(
                "Do not start a job worker next to the web server (when workers run "
                "elsewhere: `liaison qcluster`)."
            ),
        )
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="Migrate, collect static files, load data and create the admin, but do not serve.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError(f"--port {options['port']} is not a TCP port (1 to 65535).")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        if options["threads"] < 1:
            raise CommandError("--threads must be at least 1.")
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        with preparation_lock():
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Database schema is up to date.")
            # Each app declares the data it loads into an empty register (its AppConfig).
            for load in first_run_loads():
                if load.missing():
                    if load.announce:
                        self.stdout.write(load.announce)
                    call_command(load.command, stdout=self.stdout)
            self._ensure_administrator()
        call_command("collectstatic", interactive=False, verbosity=0)
        if settings.BUILD_DOCS_ON_START:
            self._build_docs()
        if options["prepare_only"]:
            return
        from config.wsgi import application

        warm_content_types()
        clear_metrics_dir()
        # What the workers inherit stays out of the collector's sight (and unwritten, so
        # shared between them); each worker freezes again what its own start added.
        gc.collect()
        gc.freeze()
        address = f"{options['host']}:{options['port']}"
        worker = None if options["no_job_worker"] else self._start_job_worker()
        self.stdout.write(f"Liaison is serving on http://{address}/ (stop with Ctrl+C).")
        try:
            self._serve(application, address, options["workers"], options["threads"])
        finally:
            if worker is not None:
                self._stop_job_worker(worker)

    def _build_docs(self) -> None:
        """Build the documentation site if its sources changed; Liaison starts without it
        (the Help page then says how to build it) rather than not at all."""
        try:
            call_command("build_docs", if_stale=True, stdout=self.stdout)
        except CommandError as error:
            self.stderr.write(f"The documentation site was not built: {error}")

    def _start_job_worker(self) -> subprocess.Popen[bytes]:
        """The job worker (django-q2's cluster, with its scheduler) as a process of its own."""
        self.stdout.write("Starting the job worker (background exports, scheduled work).")
        return subprocess.Popen(  # noqa: S603 (our own interpreter and command)
            [sys.executable, "-m", "liaison.core.cli", "qcluster"]
        )

    def _stop_job_worker(self, worker: subprocess.Popen[bytes]) -> None:
        if worker.poll() is None:
            worker.terminate()  # django-q2 finishes the job in hand, then stops
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def _serve(self, application: Any, address: str, workers: int, threads: int) -> None:
        LiaisonServer(
            application,
            {
                "bind": address,
                "workers": workers,
                # gthread: each worker serves `threads` requests at once, each with its own
                # database connection; a single thread is gunicorn's plain sync worker.
                "worker_class": "gthread" if threads > 1 else "sync",
                "threads": threads,
                "accesslog": "-",
                "access_log_format": ACCESS_LOG_FORMAT,
                # The access log masks secret calendar addresses (see log_masking).
                "logger_class": "liaison.core.log_masking.MaskingGunicornLogger",
                "errorlog": "-",
                "timeout": 60,
                # No runtime control socket in the user's home: Liaison does not use one.
                "control_socket_disable": True,
                "post_worker_init": worker_ready,
                "child_exit": worker_exited,
            },
        ).run()

    def _ensure_administrator(self) -> None:
        """On first run, create an administrator with a random password and say so once."""
        users = get_user_model()
        with transaction.atomic():
            if users.objects.filter(is_superuser=True).exists():
                return
            if users.objects.filter(username=ADMIN_USERNAME).exists():
                self.stdout.write(
                    f"No administrator exists and the name '{ADMIN_USERNAME}' is taken: "
                    "create one with `liaison createsuperuser`."
                )
                return
            password = secrets.token_urlsafe(12)
            users.objects.create_superuser(username=ADMIN_USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\nA first administrator account was created. Log in with:\n"
                f"    user name: {ADMIN_USERNAME}\n"
                f"    password:  {password}\n"
                "This password is shown only now. Change it with `liaison changepassword admin`.\n"
            )
        )
