"""/healthz and /readyz: anyone may ask, the answer says alive, ready or unready and nothing
else, and readiness follows the services Liaison needs as they stop and return."""

from __future__ import annotations

import logging

import dj_database_url
import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler
from django.test import override_settings

from liaison.core import health
from liaison.core.testing.services import (
    RedisServer,
    port_is_free,
    postgres_available,
    private_postgres,
)

pytestmark = [pytest.mark.django_db]

REDIS_PORT = 8111
POSTGRES_PORT = 8112


def test_it_says_alive_to_anyone_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"alive\n"


def test_it_says_ready_to_anyone_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_over_plain_http_are_not_sent_to_https(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/").status_code == 301  # the pages still are


def test_it_is_unready_while_a_migration_is_not_applied(client, monkeypatch, caplog):
    from django.db.migrations.loader import MigrationLoader

    monkeypatch.setattr(health, "_migrations_applied", False)
    # The newest migration of core, as if an upgrade had brought it and not yet run it.
    ((_app, newest),) = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("core")
    MigrationRecorder.Migration.objects.filter(app="core", name=newest).delete()
    with caplog.at_level(logging.WARNING, logger="liaison.core.health"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"unready\n"
    assert newest in caplog.text


@pytest.fixture
def private_redis():
    if not port_is_free(REDIS_PORT):
        pytest.skip(f"port {REDIS_PORT} is taken")
    server = RedisServer(REDIS_PORT)
    server.start()
    yield server
    server.stop()


def test_it_is_unready_while_redis_is_stopped_and_ready_when_it_returns(
    client, private_redis, caplog
):
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    with override_settings(CACHES=caches):
        assert client.get("/readyz").status_code == 200
        private_redis.stop()
        with caplog.at_level(logging.WARNING, logger="liaison.core.health"):
            response = client.get("/readyz")
        assert response.status_code == 503
        # The reason is in the log for the operator, not in the answer.
        assert response.content == b"unready\n"
        assert str(REDIS_PORT) in caplog.text
        private_redis.start()
        assert client.get("/readyz").status_code == 200


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL 15's programs are not here")
def test_it_is_unready_while_the_database_is_stopped_and_ready_when_it_returns(
    client, monkeypatch, caplog
):
    """The database checked is a PostgreSQL server of the test's own (the test database
    cannot be stopped); the migrations are taken as applied, having been checked above."""
    if not port_is_free(POSTGRES_PORT):
        pytest.skip(f"port {POSTGRES_PORT} is taken")
    with private_postgres(POSTGRES_PORT) as (server,):
        databases = ConnectionHandler({"default": dj_database_url.parse(server.url())})
        monkeypatch.setattr(health, "connections", databases)
        monkeypatch.setattr(health, "_migrations_applied", True)
        try:
            assert client.get("/readyz").status_code == 200
            server.stop()
            with caplog.at_level(logging.WARNING, logger="liaison.core.health"):
                response = client.get("/readyz")
            assert response.status_code == 503
            assert response.content == b"unready\n"
            assert "database 'default'" in caplog.text
            server.start()
            assert client.get("/readyz").status_code == 200
        finally:
            databases.close_all()
