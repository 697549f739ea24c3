"""Settings from the environment, the `liaison` command and its first run."""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool

LIAISON = Path(sys.executable).parent / "liaison"


def run_liaison(
    *arguments: str, data_dir: Path, **environment: str
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LIAISON_", "DJANGO_"))
    }
    env.pop("DATABASE_URL", None)
    # The documentation site has its own test (test_docs_site.py): not built here.
    env.update(
        {
            "LIAISON_DATA_DIR": str(data_dir),
            "LIAISON_HTTPS": "false",
            "LIAISON_BUILD_DOCS": "false",
            **environment,
        }
    )
    return subprocess.run(  # noqa: S603
        [str(LIAISON), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_env_bool_refuses_a_value_that_is_not_yes_or_no(monkeypatch):
    monkeypatch.setenv("LIAISON_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="LIAISON_DEBUG='maybe' is not a yes/no value"):
        env_bool("LIAISON_DEBUG", False)


def test_the_liaison_command_is_installed_and_takes_dashed_command_names(tmp_path):
    result = run_liaison("load-reference", "--help", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "reference dataset" in result.stdout


def test_production_mode_passes_check_deploy(tmp_path):
    result = run_liaison(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=tmp_path,
        LIAISON_HTTPS="true",
        LIAISON_DEBUG="false",
        LIAISON_SECRET_KEY=secrets.token_urlsafe(64),
        LIAISON_ALLOWED_HOSTS="liaison.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_database_url_for_another_engine_is_refused_clearly(tmp_path):
    result = run_liaison("check", data_dir=tmp_path, DATABASE_URL="mysql://root@localhost/liaison")
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr.split("ImproperlyConfigured")[-1]


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    assert run_liaison("check", data_dir=tmp_path).returncode == 0
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert run_liaison("check", data_dir=tmp_path).returncode == 0
    assert key_file.read_text() == first


def test_the_first_run_prepares_the_database_and_creates_one_administrator(tmp_path):
    first = run_liaison("serve", "--prepare-only", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "loading the reference data" in first.stdout
    assert "user name: admin" in first.stdout
    password_line = next(line for line in first.stdout.splitlines() if "password:" in line)
    assert len(password_line.split("password:")[1].strip()) >= 12

    database = sqlite3.connect(tmp_path / "liaison.sqlite3")
    partners = database.execute("select count(*) from partners_partner").fetchone()[0]
    admins = database.execute("select count(*) from auth_user where is_superuser").fetchone()[0]
    key_actions = database.execute("select count(*) from strategy_keyaction").fetchone()[0]
    engagements = database.execute("select count(*) from engagements_engagement").fetchone()[0]
    jits = database.execute("select count(*) from cases_jointinvestigationteam").fetchone()[0]
    posts = database.execute(
        "select count(*) from contacts_liaisonofficer where origin = 'reference' and name = ''"
    ).fetchone()[0]
    database.close()
    assert partners > 80
    assert admins == 1
    assert key_actions == 15  # the strategy, loaded with the reference data
    assert engagements >= 6
    assert jits == 2  # the published casework examples (data/reference/casework.yaml)
    assert posts == 12  # the liaison prosecutors' posts of partners.md, without names

    second = run_liaison("serve", "--prepare-only", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "user name" not in second.stdout
    assert "loading the reference data" not in second.stdout


def test_serve_refuses_a_port_out_of_range(tmp_path):
    result = run_liaison("serve", "--port", "70000", data_dir=tmp_path)
    assert result.returncode != 0
    assert "is not a TCP port" in result.stderr
