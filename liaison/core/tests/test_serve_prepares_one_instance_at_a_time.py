"""Instances started at once against one PostgreSQL database prepare it (migrate, first
loads, the first administrator) one after the other: the second waits for the first."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from liaison.core.management.commands.serve import PREPARATION_LOCK, preparation_lock

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL advisory lock"),
]


def waiting_for_the_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
            "AND NOT granted",
            [PREPARATION_LOCK],
        )
        return int(cursor.fetchone()[0])


def test_a_second_instance_waits_until_the_first_has_prepared_the_database():
    entered = threading.Event()

    def second_instance() -> None:
        try:
            with preparation_lock():
                entered.set()
        finally:
            connections.close_all()

    with preparation_lock():
        second = threading.Thread(target=second_instance)
        second.start()
        while not waiting_for_the_lock():  # the second instance has asked for the lock...
            assert second.is_alive()
        assert not entered.is_set()  # ...and does not get it while the first holds it
    second.join(timeout=60)
    assert entered.is_set()
