"""Backups that are known to restore: the database, every stored document and a manifest
of what they hold, written so that a restore can prove it put back exactly that.

A backup folder holds `database.dump` (pg_dump's custom format) or `database.sqlite3`
(SQLite's online backup), `files/` (every document in Django's default storage, read
through the storage API, so any storage backend works) and `manifest.json`: every table's
row count and every file's SHA-256. It holds personal data: the folder is the owner's
only (0700), each file too (0600)."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections

MANIFEST = "manifest.json"
FILES = "files"
FORMAT = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, or a restore that must not go on or did not match."""


def _private_file(path: Path) -> BinaryIO:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "wb")


def _digest(handle: Any) -> str:
    sha = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        sha.update(chunk)
    return sha.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return _digest(handle)


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in `storage`, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage whose folder was never made holds nothing
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for name in sorted(folders):
        yield from stored_names(storage, str(PurePosixPath(folder, name)) if folder else name)


_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


def _sqlite_counts(cursor: Any) -> dict[str, int]:
    """Every table's rows, read through sqlite3 itself (a backup's copy or the database)."""
    counts = {}
    for (table,) in sorted(cursor.execute(_SQLITE_TABLES).fetchall()):
        quoted = table.replace('"', '""')
        counts[table] = int(cursor.execute(f'SELECT COUNT(*) FROM "{quoted}"').fetchone()[0])  # noqa: S608
    return counts


def _counts(connection: Any, cursor: Any) -> dict[str, int]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return _sqlite_counts(connection.connection.cursor())
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's variables for the database, so no password appears on a command line."""
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def _run(arguments: list[str], environment: dict[str, str]) -> None:
    try:
        done = subprocess.run(  # noqa: S603 (PostgreSQL's own programs)
            arguments, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{arguments[0]} is not installed (PostgreSQL's client programs)."
        ) from error
    if done.returncode != 0:
        raise BackupError(f"{arguments[0]} failed: {done.stderr.strip()}")


def _dump_postgresql(connection: Any, target: Path) -> dict[str, int]:
    """pg_dump and the counts from one snapshot, so that they describe the same data."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be made inside a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _counts(connection, cursor)
            target.touch(mode=0o600)
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_environment(connection.settings_dict),
            )
        finally:
            cursor.execute("ROLLBACK")
    return counts


def _dump_sqlite(connection: Any, target: Path) -> dict[str, int]:
    """SQLite's online backup (consistent while others write), then the copy's counts."""
    connection.ensure_connection()
    target.touch(mode=0o600)
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # A copy that stands alone: no write-ahead log beside it, opened read-only later.
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = _sqlite_counts(copy.cursor())
    finally:
        copy.close()
    return counts


def backup_create(
    *, folder: Path, database: str = "default", storage: Storage | None = None
) -> dict[str, Any]:
    """Write a backup of the database and the stored documents into `folder` (new or
    empty), and return its manifest."""
    storage = storage or default_storage
    if folder.exists() and not folder.is_dir():
        raise BackupError(f"{folder} is a file, not a folder: back up into a new or empty folder.")
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new or empty folder.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    connection = connections[database]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backing up a {vendor} database is not supported.")
    dump = folder / DUMPS[vendor]
    counts = (_dump_postgresql if vendor == "postgresql" else _dump_sqlite)(connection, dump)
    files_folder = folder / FILES
    files_folder.mkdir(mode=0o700)
    files: dict[str, dict[str, Any]] = {}
    for name in stored_names(storage):
        target = files_folder / name
        for parent in reversed(target.relative_to(folder).parents[:-1]):
            (folder / parent).mkdir(mode=0o700, exist_ok=True)
        sha = hashlib.sha256()
        size = 0
        with storage.open(name, "rb") as source, _private_file(target) as copy:
            while chunk := source.read(CHUNK):
                sha.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        files[name] = {"sha256": sha.hexdigest(), "size": size}
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": {"vendor": vendor, "file": dump.name, "sha256": _file_digest(dump)},
        "tables": counts,
        "files": files,
    }
    with _private_file(folder / MANIFEST) as handle:
        handle.write(json.dumps(manifest, indent=2, sort_keys=True).encode())
    return manifest


@dataclass
class Restored:
    tables: int
    rows: int
    files: int


def _read_manifest(folder: Path) -> dict[str, Any]:
    if not folder.is_dir():
        raise BackupError(
            f"{folder} is not a folder: name the folder `liaison backup` wrote, not a file in it."
        )
    try:
        manifest: Any = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"{folder} holds no {MANIFEST}: it is not a Liaison backup.") from error
    except ValueError as error:
        raise BackupError(
            f"{folder / MANIFEST} is not valid JSON: the backup is damaged."
        ) from error
    if not isinstance(manifest, dict):
        raise BackupError(f"{folder / MANIFEST} is not a backup's manifest: the backup is damaged.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{folder / MANIFEST} is of an unknown format {manifest.get('format')!r}."
        )
    problem = _manifest_problem(manifest)
    if problem:
        raise BackupError(f"{folder / MANIFEST} is damaged ({problem}); nothing was restored.")
    return manifest


def _manifest_problem(manifest: dict[str, Any]) -> str | None:
    """What is missing from the manifest or of the wrong kind, if anything."""
    database = manifest.get("database")
    if not isinstance(database, dict):
        return "it does not describe the database"
    for key in ("vendor", "file", "sha256"):
        if not isinstance(database.get(key), str) or not database[key]:
            return f"the database's {key} is missing"
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) for count in tables.values()
    ):
        return "the tables' row counts are missing"
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values()
    ):
        return "the documents' digests are missing"
    return None


def _inside(folder: Path, name: str) -> Path | None:
    """`folder / name` if `name` is a relative path that stays inside `folder` (no absolute
    path, no `..`, no symbolic link on the way), else None."""
    relative = PurePosixPath(name)
    if not name or relative.is_absolute() or ".." in relative.parts:
        return None
    path = folder
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            return None
    return path


def _check_backup(folder: Path, manifest: dict[str, Any]) -> None:
    """Every file of the backup is there with the digest the manifest gives, and no other."""
    problems = []
    name = manifest["database"]["file"]
    dump = _inside(folder, name)
    if dump is None or name != DUMPS.get(manifest["database"]["vendor"]):
        problems.append(f"the database dump {name!r} is not a file of the backup folder")
    elif not dump.is_file() or _file_digest(dump) != manifest["database"]["sha256"]:
        problems.append(f"the database dump {dump.name} is missing or differs from the manifest")
    files_folder = folder / FILES
    if files_folder.is_symlink():
        problems.append(f"{FILES}/ is a symbolic link")
    found = set()
    for path in [] if files_folder.is_symlink() else sorted(files_folder.rglob("*")):
        relative = str(path.relative_to(files_folder).as_posix())
        if path.is_symlink():
            problems.append(f"{relative} is a symbolic link, not a document of the backup")
        elif path.is_file():
            found.add(relative)
    for name, expected in sorted(manifest["files"].items()):
        document = _inside(files_folder, name)
        if document is None:
            problems.append(f"document {name!r} is not in the backup folder")
        elif name not in found:
            problems.append(f"document {name} is missing")
        elif _file_digest(document) != expected["sha256"]:
            problems.append(f"document {name} differs from the manifest (SHA-256)")
    problems += [
        f"document {name} is not in the manifest" for name in sorted(found - set(manifest["files"]))
    ]
    if problems:
        raise BackupError(
            "The backup is not intact; nothing was restored:\n  " + "\n  ".join(problems)
        )


def _check_empty(connection: Any, storage: Storage) -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables): "
            "restore only into a new, empty database."
        )
    if next(stored_names(storage), None) is not None:
        raise BackupError("The document storage is not empty: restore only into empty storage.")


def _verify(connection: Any, storage: Storage, manifest: dict[str, Any]) -> Restored:
    problems = []
    with connection.cursor() as cursor:
        counts = _counts(connection, cursor)
    for table in sorted(set(counts) | set(manifest["tables"])):
        expected, found = manifest["tables"].get(table), counts.get(table)
        if expected != found:
            problems.append(f"table {table}: {found} rows, the backup had {expected}")
    stored = set(stored_names(storage))
    for name, expected in sorted(manifest["files"].items()):
        if name not in stored:
            problems.append(f"document {name} was not stored")
            continue
        with storage.open(name, "rb") as handle:
            if _digest(handle) != expected["sha256"]:
                problems.append(f"document {name} differs from the backup (SHA-256)")
    problems += [
        f"document {name} is not in the backup" for name in sorted(stored - set(manifest["files"]))
    ]
    if problems:
        raise BackupError("The restore does not match the backup:\n  " + "\n  ".join(problems))
    return Restored(tables=len(counts), rows=sum(counts.values()), files=len(manifest["files"]))


def _sqlite_private(connection: Any) -> None:
    """The SQLite database file (and its write-ahead log and shared memory, which SQLite
    creates with the database file's mode) readable by its owner only, as the backup was:
    made empty with mode 0600 if it does not exist yet."""
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    database = Path(name)
    if not database.exists():
        database.touch(mode=0o600)
    for path in (database, Path(f"{name}-wal"), Path(f"{name}-shm")):
        if path.exists():
            os.chmod(path, 0o600)


def backup_restore(
    *, folder: Path, database: str = "default", storage: Storage | None = None
) -> Restored:
    """Put a backup back into an empty database and empty storage, then prove it: every
    table's count and every document's digest as the manifest says."""
    storage = storage or default_storage
    manifest = _read_manifest(folder)
    connection = connections[database]
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This backup is of a {vendor} database; the database here is {connection.vendor}."
        )
    _check_backup(folder, manifest)
    _check_empty(connection, storage)
    dump = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            _pg_environment(connection.settings_dict),
        )
    else:
        _sqlite_private(connection)
        connection.ensure_connection()
        source = sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        _sqlite_private(connection)
    for name in manifest["files"]:
        with (folder / FILES / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"document {name} was stored as {saved}: the storage was not empty.")
    return _verify(connection, storage, manifest)
