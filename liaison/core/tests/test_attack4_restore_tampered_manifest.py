"""Attack: `liaison restore` from a backup whose manifest was tampered with (or damaged by
hand) must be refused with a clear message, before anything else is read or written: a
manifest missing its parts is not a traceback, and a manifest cannot send the restore to a
database file outside the backup folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.django_db]

# The tampered backups below are of SQLite: on PostgreSQL they are refused for their vendor.
ON_SQLITE = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite"
)


@pytest.mark.parametrize(
    "manifest",
    [
        {"format": 1},
        {"format": 1, "database": {"vendor": "sqlite"}, "tables": {}, "files": {}},
        {"format": 1, "database": "x", "tables": {}, "files": []},
    ],
    ids=["no-database", "no-dump-name", "wrong-shapes"],
)
def test_a_manifest_missing_its_parts_is_refused_clearly(
    tmp_path: Path, manifest: dict[str, Any]
) -> None:
    folder = tmp_path / "backup"
    (folder / "files").mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    # A CommandError names the problem; a KeyError/TypeError/AttributeError is a traceback.
    with pytest.raises(CommandError):
        call_command("restore", str(folder))


@ON_SQLITE
def test_a_manifest_cannot_name_a_dump_outside_the_backup(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes(b"SQLite format 3\x00 not the backup's")
    folder = tmp_path / "backup"
    (folder / "files").mkdir(parents=True)
    manifest = {
        "format": 1,
        "database": {
            "vendor": "sqlite",
            "file": str(elsewhere),  # absolute: `folder / file` is that path itself
            "sha256": hashlib.sha256(elsewhere.read_bytes()).hexdigest(),
        },
        "tables": {},
        "files": {},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="not intact"):
        call_command("restore", str(folder))


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_a_file_given_as_the_folder_is_refused_clearly(tmp_path: Path, command: str) -> None:
    """A careless operator names the dump file, or any file, instead of the folder."""
    given = tmp_path / "backup.tar"
    given.write_bytes(b"not a folder")
    with pytest.raises(CommandError):
        call_command(command, str(given))


@ON_SQLITE
def test_a_document_that_is_a_link_out_of_the_backup_is_refused(tmp_path: Path) -> None:
    """A tampered backup whose files/ holds a symbolic link to a file of the restoring
    machine (with the manifest giving that file's digest) would store that file as a
    document, readable by everyone who reads sources."""
    secret = tmp_path / "host-secret.txt"
    secret.write_text("a file of the machine that restores")
    folder = tmp_path / "backup"
    (folder / "files" / "sources" / "1").mkdir(parents=True)
    (folder / "files" / "sources" / "1" / "minutes.txt").symlink_to(secret)
    dump = folder / "database.sqlite3"
    dump.write_bytes(b"SQLite format 3\x00")
    manifest = {
        "format": 1,
        "database": {
            "vendor": "sqlite",
            "file": dump.name,
            "sha256": hashlib.sha256(dump.read_bytes()).hexdigest(),
        },
        "tables": {},
        "files": {
            "sources/1/minutes.txt": {
                "sha256": hashlib.sha256(secret.read_bytes()).hexdigest(),
                "size": secret.stat().st_size,
            }
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="not intact"):
        call_command("restore", str(folder))
