"""Heavy reads from a PostgreSQL replica (LIAISON_REPLICA_DATABASE_URL), decisions from the
primary.

Nothing reads the replica unless its code says so: the entry points of reports and figures
wrap their reading in `replica_reads()`. Even there, a read inside a transaction, and every
write, goes to the primary. A replica may lag a little behind: good enough for a report,
never for a transfer assessment, an approval or a lifecycle step, which are not wrapped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_replica_wanted: ContextVar[bool] = ContextVar("replica_wanted", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block go to the replica, when one is configured and the primary's
    connection is not in a transaction."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def reading_from_replica() -> bool:
    return (
        _replica_wanted.get()
        and REPLICA in connections.settings
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    """Sends a read to the replica only inside `replica_reads()`; everything else (writes,
    reads elsewhere, reads of rows that came from the replica) to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return REPLICA if reading_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the same rows, whichever copy they were read from

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # a replica follows its primary's schema
