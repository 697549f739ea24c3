"""`advisory_xact_lock`: the one advisory lock helper holds its key until the transaction
ends on PostgreSQL, and asks nothing of SQLite (which serialises writers itself)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from liaison.core.locks import advisory_xact_lock

pytestmark = [pytest.mark.django_db(transaction=True)]

KEY = 0x4C49_0007  # fits in 32 bits: pg_locks shows it as `objid`


def _held(key: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = 0 AND objid = %s AND pid = pg_backend_pid()",
            [key],
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory locks")
def test_it_holds_the_key_until_the_transaction_ends() -> None:
    with transaction.atomic():
        advisory_xact_lock(KEY)
        assert _held(KEY)
    assert not _held(KEY)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="what SQLite does")
def test_it_asks_nothing_of_sqlite() -> None:
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        advisory_xact_lock(KEY)
    assert [query["sql"] for query in queries if "advisory" in query["sql"]] == []
