"""Whether this instance can serve: what /readyz checks.

Each check answers None when its service is reachable, else a reason for the log (never for
the answer, which says only ready or unready)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

# Once every migration is found applied, this process does not look again: its code (and so
# its migrations) cannot change while it runs, and applied migrations stay applied.
_migrations_applied = False


def _databases() -> str | None:
    for alias in connections:
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # noqa: BLE001 (any failure means not ready)
            # A broken persistent connection is dropped, so the next check reconnects.
            connection.close()
            return f"database {alias!r}: {type(error).__name__}: {error}"
    return None


def _migrations() -> str | None:
    global _migrations_applied
    if _migrations_applied:
        return None
    executor = MigrationExecutor(connections["default"])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} migration(s) not applied, first {plan[0][0]}"
    _migrations_applied = True
    return None


def _cache() -> str | None:
    key = f"readyz-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    return None if found == "1" else "cache: a value written was not read back"


def _queue() -> str | None:
    from django_q.brokers import get_broker

    get_broker().queue_size()
    return None


def _storage() -> str | None:
    default_storage.exists("readyz-probe")
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": _databases,
    "migrations": _migrations,
    "cache": _cache,
    "queue": _queue,
    "storage": _storage,
}


def readiness_problems() -> list[str]:
    """What keeps this instance from serving, each logged here as a warning."""
    problems = []
    for name, check in CHECKS.items():
        try:
            problem = check()
        except Exception as error:  # noqa: BLE001 (any failure means not ready)
            problem = f"{name}: {type(error).__name__}: {error}"
        if problem is not None:
            logger.warning("Not ready: %s", problem)
            problems.append(problem)
    return problems
