"""`liaison backup DIR`: the database, every stored document and a manifest, into DIR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, SQLite's online backup) and every stored "
        "document into DIR (new or empty), with a manifest of every table's row count and "
        "every document's SHA-256. The backup holds personal data: keep it as safe as the "
        "database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="DIR", help="A new or empty folder.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"]).expanduser().resolve()
        try:
            manifest = backup_create(folder=folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['tables'])} tables ({rows} rows) and "
                f"{len(manifest['files'])} documents into {folder}."
            )
        )
