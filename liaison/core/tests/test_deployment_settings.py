"""The settings of a deployment across machines: each bad value stops the start with a
message saying what is expected; good ones choose Redis, the replica, the log format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = (
    "import json, config.settings as s; print(json.dumps({'cache': s.CACHES['default']['BACKEND'],"
    " 'axes': s.AXES_HANDLER, 'databases': sorted(s.DATABASES), 'log': s.LOG_FORMAT,"
    " 'allow': [str(n) for n in s.METRICS_ALLOW]}))"
)


def settings_with(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISON_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"LIAISON_DATA_DIR": str(tmp_path), **environment})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=False
    )


def test_by_default_the_cache_and_lockouts_live_in_the_database(tmp_path):
    chosen = json.loads(settings_with(tmp_path).stdout)
    assert chosen == {
        "cache": "django.core.cache.backends.db.DatabaseCache",
        "axes": "axes.handlers.database.AxesDatabaseHandler",
        "databases": ["default"],
        "log": "plain",
        "allow": [],
    }


def test_the_deployment_settings_choose_redis_the_replica_and_json(tmp_path):
    done = settings_with(
        tmp_path,
        LIAISON_REDIS_URL="redis://127.0.0.1:6379/1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/liaison",
        LIAISON_REPLICA_DATABASE_URL="postgres://postgres@127.0.0.1:5433/liaison",
        LIAISON_LOG_FORMAT="JSON",
        LIAISON_METRICS_ALLOW="10.0.0.0/8, 192.0.2.7",
    )
    assert json.loads(done.stdout) == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "axes": "axes.handlers.cache.AxesCacheHandler",
        "databases": ["default", "replica"],
        "log": "json",
        "allow": ["10.0.0.0/8", "192.0.2.7/32"],
    }


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"LIAISON_REDIS_URL": "localhost:6379"}, "LIAISON_REDIS_URL='localhost:6379' must be"),
        ({"LIAISON_METRICS_TOKEN": "short"}, "at least 32 characters"),
        ({"LIAISON_METRICS_ALLOW": "10.0.0.0/8,intranet"}, "'intranet' is not a network"),
        ({"LIAISON_LOG_FORMAT": "xml"}, "must be plain or json"),
        (
            {"LIAISON_REPLICA_DATABASE_URL": "postgres://postgres@127.0.0.1:5433/liaison"},
            "needs PostgreSQL for DATABASE_URL and for itself",
        ),
    ],
)
def test_a_bad_value_stops_the_start_saying_what_is_expected(tmp_path, environment, message):
    done = settings_with(tmp_path, **environment)
    assert done.returncode != 0
    assert message in done.stderr
