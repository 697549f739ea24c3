"""The one way Liaison takes a PostgreSQL advisory lock; each app names its own key."""

from __future__ import annotations

from django.db import connections


def advisory_xact_lock(key: int, *, using: str = "default") -> None:
    """Wait for the transaction-level advisory lock `key` and hold it until the caller's
    transaction ends. Each key is a constant of the app that owns the lock, unique in the
    database. SQLite serialises writers by itself, so there it does nothing."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
