"""`liaison restore DIR`: a backup put back into an empty database and storage, verified."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `liaison backup` into an EMPTY database and EMPTY document "
        "storage, then check every table's row count and every document's SHA-256 against "
        "its manifest. A damaged backup, or a database or storage that is not empty, is "
        "refused before anything is written."
    )
    # The database is empty: Django's checks must not read it before the restore.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="DIR", help="A folder written by `liaison backup`.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"]).expanduser().resolve()
        try:
            restored = backup_restore(folder=folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {restored.tables} tables ({restored.rows} rows) and "
                f"{restored.files} documents from {folder}."
            )
        )
