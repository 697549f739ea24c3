"""Private copies of the services Liaison depends on, for tests that stop and start them:
a Redis server and PostgreSQL clusters (a primary and its streaming replica), each in a
temporary folder on a port of its own, run as the `postgres` user when we are root."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _wait_for_port(port: int, *, open_: bool, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_is_free(port) != open_:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not {'open' if open_ else 'close'}")


class RedisServer:
    """A redis-server of its own, without persistence, that a test may stop and restart."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, open_=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        _wait_for_port(self.port, open_=False)


def postgres_available() -> bool:
    return (POSTGRES_BIN / "initdb").exists()


def _as_postgres(arguments: list[str]) -> list[str]:
    """Run as the postgres user when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *arguments]
    return arguments


def _give_to_postgres(folder: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")


def _run(arguments: list[str]) -> None:
    done = subprocess.run(  # noqa: S603
        _as_postgres(arguments), capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{arguments[0]} failed: {done.stderr or done.stdout}")


@dataclass
class PostgresCluster:
    """One PostgreSQL server in a folder of its own."""

    folder: Path
    port: int

    def start(self) -> None:
        _run(
            [
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-l",
                str(self.folder / "log"),
                "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
                "-w",
                "start",
            ]
        )

    def stop(self) -> None:
        _run(
            [
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ]
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


@contextmanager
def private_postgres(
    primary_port: int, replica_port: int | None = None
) -> Iterator[list[PostgresCluster]]:
    """A fresh primary (trust authentication, no durability: it is thrown away), started; and
    with `replica_port` a streaming replica of it (pg_basebackup -R), started too."""
    root = Path(tempfile.mkdtemp(prefix="liaison-test-pg-"))
    os.chmod(root, 0o777)  # noqa: S103 (the postgres user writes here; removed at the end)
    clusters: list[PostgresCluster] = []
    try:
        primary = PostgresCluster(root / "primary", primary_port)
        primary.folder.mkdir()
        _give_to_postgres(primary.folder)
        _run(
            [
                str(POSTGRES_BIN / "initdb"),
                "-D",
                str(primary.folder / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ]
        )
        with (primary.folder / "data" / "postgresql.conf").open("a") as conf:
            conf.write("fsync = off\nsynchronous_commit = off\nwal_level = replica\n")
        (primary.folder / "data" / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
            "host replication all 127.0.0.1/32 trust\n"
        )
        primary.start()
        clusters.append(primary)
        if replica_port is not None:
            replica = PostgresCluster(root / "replica", replica_port)
            replica.folder.mkdir()
            _give_to_postgres(replica.folder)
            _run(
                [
                    str(POSTGRES_BIN / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(primary_port),
                    "-U",
                    "postgres",
                    "-D",
                    str(replica.folder / "data"),
                    "-R",
                    "--no-sync",
                    "-X",
                    "stream",
                ]
            )
            replica.start()
            clusters.append(replica)
        yield clusters
    finally:
        for cluster in reversed(clusters):
            with suppress(RuntimeError):
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def wait_for_replay(primary_url: str, replica_url: str, seconds: float = 30) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    import psycopg

    with psycopg.connect(primary_url, autocommit=True) as primary:
        row = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert row is not None
        written = row[0]
    deadline = time.monotonic() + seconds
    with psycopg.connect(replica_url, autocommit=True) as replica:
        while time.monotonic() < deadline:
            row = replica.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written]
            ).fetchone()
            if row is not None and row[0]:
                return
            time.sleep(0.05)
    raise TimeoutError("the replica did not catch up")


def copy_database(*, source_url: str, target_url: str, name: str) -> None:
    """The database `name` of one server, created afresh on another (pg_dump, pg_restore)."""
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "copy.dump"
        for arguments in (
            ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={source_url}/{name}"],
            ["createdb", f"--maintenance-db={target_url}/postgres", name],
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={target_url}/{name}",
                str(dump),
            ],
        ):
            done = subprocess.run(  # noqa: S603
                arguments, capture_output=True, text=True, timeout=300, check=False
            )
            if done.returncode != 0:
                raise RuntimeError(f"{arguments[0]} failed: {done.stderr}")
