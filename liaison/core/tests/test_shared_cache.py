"""The cache and the login lock-out counters are shared by every instance: a table of the
database by default, Redis when LIAISON_REDIS_URL is set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = [pytest.mark.django_db]

REDIS_URL = "redis://127.0.0.1:6379/1"


def test_it_keeps_the_cache_in_a_table_of_the_database_by_default():
    assert settings.CACHES["default"]["BACKEND"].endswith("db.DatabaseCache")
    cache.set("shared-by-every-instance", "yes", 60)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.CACHE_TABLE}")  # noqa: S608
        keys = [row[0] for row in cursor.fetchall()]
    assert any(key.endswith("shared-by-every-instance") for key in keys)


def test_it_counts_failed_logins_in_the_database_by_default(client, bob):
    client.post(reverse("login"), {"username": "bob", "password": "guess"})
    assert AccessAttempt.objects.filter(username="bob").get().failures_since_start == 1


@pytest.fixture
def redis_cache_settings() -> Iterator[dict[str, object]]:
    """Liaison's Redis settings on logical database 1, under a prefix of this test's own."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches, AXES_HANDLER="axes.handlers.cache.AxesCacheHandler"):
        AxesProxyHandler.get_implementation(force=True)
        try:
            yield caches["default"]
        finally:
            keys = redis.Redis.from_url(REDIS_URL).keys(f"{prefix}:*")
            if keys:
                redis.Redis.from_url(REDIS_URL).delete(*keys)
    AxesProxyHandler.get_implementation(force=True)


def test_with_redis_a_lockout_holds_on_every_instance(redis_cache_settings, bob):
    first_instance = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        first_instance.post(reverse("login"), {"username": "bob", "password": "guess"})
    # Another instance: no session in common, only Redis.
    second_instance = Client()
    response = second_instance.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert not AccessAttempt.objects.exists()  # counted in Redis, not in the database


def test_with_redis_a_value_cached_by_one_instance_is_read_by_another(redis_cache_settings):
    cache.set("exports-ready", 3, 60)
    # What another process would build from the same settings: its own connection.
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_cache_settings["KEY_PREFIX"]})
    assert other.get("exports-ready") == 3
