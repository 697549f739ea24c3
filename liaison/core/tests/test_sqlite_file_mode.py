"""The SQLite database holds personal data: the file Liaison makes is its owner's only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def test_a_new_sqlite_database_file_is_the_owners_only(tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LIAISON_", "DJANGO_", "DATABASE_URL", "PROMETHEUS_"))
    }
    environment["LIAISON_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import config.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    database = tmp_path / "liaison.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
