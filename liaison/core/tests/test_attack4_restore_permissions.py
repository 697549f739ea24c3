"""Attack: a backup holds personal data, so `liaison backup` writes it for its owner only
(0700 folders, 0600 files). `liaison restore` must not undo that: the database it writes
(SQLite, the default) and its data folder must not be readable by every local account."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.core.management import call_command

from liaison.core.tests.test_backup_restore import (  # noqa: F401 (fixtures)
    liaison_restore,
    media,
    register,
)


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite")
def test_a_restored_database_is_the_owners_only(register: None, tmp_path: Path) -> None:  # noqa: F811
    call_command("backup", str(tmp_path / "backup"))
    restored = tmp_path / "restored"
    done = liaison_restore(
        tmp_path / "backup", restored, f"sqlite:///{restored / 'liaison.sqlite3'}"
    )
    assert done.returncode == 0, done.stderr
    database = restored / "liaison.sqlite3"
    # Not readable by the group or others: the backup's files were 0600.
    assert stat.S_IMODE(database.stat().st_mode) & 0o077 == 0, oct(database.stat().st_mode)
