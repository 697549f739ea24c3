"""With a replica (LIAISON_REPLICA_DATABASE_URL), the casework figures read it, while every
decision (who may read them, anything in a transaction, every write) reads the primary,
even when the replica lags. Against a real streaming replica: a private PostgreSQL primary
holding a copy of the test database, and its replica (pg_basebackup -R); about 10 s to set
up, once for the module."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.urls import reverse

from conftest import make_persona
from liaison.cases.models import Case
from liaison.cases.tests.conftest import make_case
from liaison.core.replica import REPLICA, replica_reads
from liaison.core.testing.services import (
    PostgresCluster,
    copy_database,
    port_is_free,
    postgres_available,
    private_postgres,
    wait_for_replay,
)

PRIMARY_PORT = 8113
REPLICA_PORT = 8114
COUNTED = "cases involving non-EU partners: 1 (of 1 active)"


@pytest.mark.django_db
def test_without_a_replica_figures_read_the_primary():
    """Also what makes the test database exist for the module (the test below copies it)."""
    with replica_reads():
        assert Case.objects.all().db == DEFAULT_DB_ALIAS


def _server(port: int) -> str:
    return f"postgres://postgres@127.0.0.1:{port}"


@pytest.fixture(scope="module")
def streaming_pair(django_db_setup: None) -> Iterator[tuple[PostgresCluster, PostgresCluster]]:
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    if default["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("PostgreSQL only")
    if not postgres_available():
        pytest.skip("PostgreSQL 15's programs are not here")
    if not (port_is_free(PRIMARY_PORT) and port_is_free(REPLICA_PORT)):
        pytest.skip(f"port {PRIMARY_PORT} or {REPLICA_PORT} is taken")
    shared = f"postgres://{default['USER']}@{default['HOST']}:{default['PORT']}"
    with private_postgres(PRIMARY_PORT, REPLICA_PORT) as (primary, replica):
        copy_database(source_url=shared, target_url=_server(PRIMARY_PORT), name=default["NAME"])
        yield primary, replica


@pytest.fixture
def on_the_pair(streaming_pair: Any, django_db_blocker: Any) -> Iterator[str]:
    """Liaison's default database is the private primary and its replica is configured."""
    default = connections[DEFAULT_DB_ALIAS]
    name = default.settings_dict["NAME"]
    saved = (default.settings_dict["HOST"], default.settings_dict["PORT"])
    with django_db_blocker.unblock():
        default.close()
        default.settings_dict.update(HOST="127.0.0.1", PORT=PRIMARY_PORT)
        replica = connections.configure_settings(
            {
                DEFAULT_DB_ALIAS: default.settings_dict,
                REPLICA: {**default.settings_dict, "PORT": REPLICA_PORT},
            }
        )[REPLICA]
        connections.settings[REPLICA] = replica
        try:
            yield name
        finally:
            connections[REPLICA].close()
            del connections[REPLICA]
            del connections.settings[REPLICA]
            default.close()
            default.settings_dict.update(HOST=saved[0], PORT=saved[1])


def _replay(name: str, command: str) -> None:
    with psycopg.connect(f"{_server(REPLICA_PORT)}/{name}", autocommit=True) as replica:
        replica.execute(f"SELECT pg_wal_replay_{command}()")


def test_the_figures_read_the_replica_and_who_may_read_them_the_primary(on_the_pair):
    name = on_the_pair
    make_case(opened_on=datetime.date(2023, 5, 2))
    wait_for_replay(f"{_server(PRIMARY_PORT)}/{name}", f"{_server(REPLICA_PORT)}/{name}")
    _replay(name, "pause")
    try:
        # Written while the replica stands still: a reader given a role only now...
        reader = make_persona(get_user_model(), "bob")
        client = Client()
        client.force_login(reader)
        page = client.get(reverse("cases:report"), {"year": "2023"})
        # ...is let in (the primary decides), and reads figures from the replica, which
        # already had the case.
        assert page.status_code == 200
        assert COUNTED in page.content.decode()
        # A second case, on the primary only: the replica's figures do not have it yet.
        make_case(cms_reference="2023/0999", opened_on=datetime.date(2023, 6, 1))
        assert COUNTED in client.get(reverse("cases:report"), {"year": "2023"}).content.decode()
        with replica_reads():
            assert not Case.objects.filter(cms_reference="2023/0999").exists()
            # Inside a transaction, even a figure reads the primary.
            with transaction.atomic():
                assert Case.objects.filter(cms_reference="2023/0999").exists()
        assert Case.objects.filter(cms_reference="2023/0999").exists()
    finally:
        _replay(name, "resume")
    wait_for_replay(f"{_server(PRIMARY_PORT)}/{name}", f"{_server(REPLICA_PORT)}/{name}")
    page = client.get(reverse("cases:report"), {"year": "2023"}).content.decode()
    assert "cases involving non-EU partners: 2 (of 2 active)" in page
