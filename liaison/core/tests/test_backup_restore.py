"""`liaison backup` and `liaison restore`: a round trip into another, empty database gives
every table's count and every document's digest back; a damaged backup, or a database or
storage that is not empty, is refused."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from conftest import make_persona
from liaison.core.backup import stored_names
from liaison.instruments.testing.factories import SourceFactory
from liaison.sources.services import source_attachment_add

LIAISON = Path(sys.executable).parent / "liaison"
RESTORE_DATABASE = "liaison_deploy_services_restore"


@pytest.fixture
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


@pytest.fixture
def register(transactional_db: None, media: Path, django_user_model: Any) -> None:
    """A few committed rows and two attached documents (committed: pg_dump reads them from
    a session of its own)."""
    alice = make_persona(django_user_model, "alice")
    source = SourceFactory(key="council-decision", title="Council Decision")
    for name, text in [("minutes.txt", "Minutes of the meeting."), ("notes.txt", "Notes, é ü.")]:
        upload = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
        source_attachment_add(source=source, upload=upload, user=alice)


def live_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_digests() -> dict[str, str]:
    digests = {}
    for name in stored_names(default_storage):
        with default_storage.open(name, "rb") as handle:
            digests[name] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def folder_digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def liaison_restore(
    folder: Path, data_dir: Path, database_url: str
) -> subprocess.CompletedProcess[str]:
    """`liaison restore` as an operator runs it, against another database and data folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LIAISON_", "DJANGO_", "PROMETHEUS_"))
    }
    environment.update({"LIAISON_DATA_DIR": str(data_dir), "DATABASE_URL": database_url})
    return subprocess.run(  # noqa: S603
        [str(LIAISON), "restore", str(folder)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_backup_is_the_owners_only(register, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["sources_sourceattachment"] == 2
    assert manifest["files"] == {
        name: {"sha256": digest, "size": default_storage.size(name)}
        for name, digest in stored_digests().items()
    }


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite")
def test_a_round_trip_on_sqlite_gives_every_count_and_digest_back(register, tmp_path):
    """A restore in a process of its own, as an operator runs it (a Django start-up)."""
    call_command("backup", str(tmp_path / "backup"))
    restored = tmp_path / "restored"
    done = liaison_restore(
        tmp_path / "backup", restored, f"sqlite:///{restored / 'liaison.sqlite3'}"
    )
    assert done.returncode == 0, done.stderr
    assert "Restored and verified" in done.stdout
    with sqlite3.connect(restored / "liaison.sqlite3") as copy:
        counts = {
            table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for (table,) in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    assert counts == live_counts()
    assert folder_digests(restored / "media") == stored_digests()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL"
)
def test_a_round_trip_on_postgresql_gives_every_count_and_digest_back(register, tmp_path):
    server = {key: connection.settings_dict[key] for key in ("HOST", "PORT", "USER")}
    url = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT']}"
    with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {RESTORE_DATABASE}")
        admin.execute(f"CREATE DATABASE {RESTORE_DATABASE}")
    try:
        call_command("backup", str(tmp_path / "backup"))
        restored = tmp_path / "restored"
        done = liaison_restore(tmp_path / "backup", restored, f"{url}/{RESTORE_DATABASE}")
        assert done.returncode == 0, done.stderr
        with psycopg.connect(f"{url}/{RESTORE_DATABASE}") as copy:
            counts = {
                table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for (table,) in copy.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            }
        assert counts == live_counts()
        assert folder_digests(restored / "media") == stored_digests()
    finally:
        with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {RESTORE_DATABASE} WITH (FORCE)")


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite")
def test_a_restore_that_does_not_match_its_manifest_fails_loudly(register, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    users = manifest["tables"]["auth_user"]
    manifest["tables"]["auth_user"] = users + 1
    (folder / "manifest.json").write_text(json.dumps(manifest))
    done = liaison_restore(folder, tmp_path / "restored", f"sqlite:///{tmp_path / 'r.sqlite3'}")
    assert done.returncode != 0
    assert f"table auth_user: {users} rows, the backup had {users + 1}" in done.stderr


def test_a_restore_is_refused_before_anything_is_written(register, tmp_path):
    """Into a database that is not empty, or from a damaged backup (one committed register
    for both: emptying the database after each is what takes time here)."""
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    with pytest.raises(CommandError, match="is not empty .* restore only into a new, empty"):
        call_command("restore", str(folder))
    name = sorted(json.loads((folder / "manifest.json").read_text())["files"])[0]
    (folder / "files" / name).write_bytes(b"Minutes of another meeting.")
    (folder / "files" / "sources" / "slipped-in.txt").write_bytes(b"not from the backup")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(folder))
    message = str(refused.value)
    assert "The backup is not intact; nothing was restored" in message
    assert f"document {name} differs from the manifest" in message
    assert "document sources/slipped-in.txt is not in the manifest" in message


def test_a_backup_into_a_folder_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "older.txt").write_text("kept")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "backup"))
