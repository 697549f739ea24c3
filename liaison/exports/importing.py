"""Bulk imports: preview (the import run and undone) and confirmation (run again on the
same file, found by its digest, and kept), recorded as one Import in the change history."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from liaison.core.history import history_context
from liaison.core.permissions import user_can
from liaison.core.spreadsheet_import import (
    CHANGE,
    CREATE,
    FILE_SUFFIXES,
    UNCHANGED,
    ImportFileError,
    ImportKind,
    ImportReport,
    import_run,
)
from liaison.exports.models import Import, ImportStatus

IMPORT_KINDS = {
    "contact-points": "liaison.contacts.imports.CONTACT_POINT_IMPORT",
    "partners": "liaison.partners.imports.PARTNER_IMPORT",
    "engagements": "liaison.engagements.imports.ENGAGEMENT_IMPORT",
    "cases": "liaison.cases.imports.CASE_IMPORT",
}


def import_kind(key: str) -> ImportKind:
    try:
        kind: ImportKind = import_string(IMPORT_KINDS[key])
    except KeyError:
        raise LookupError(f"no import kind {key!r}") from None
    return kind


def import_kinds_for(user: Any) -> list[ImportKind]:
    return [kind for kind in map(import_kind, IMPORT_KINDS) if import_allowed(kind, user)]


def import_allowed(kind: ImportKind, user: Any) -> bool:
    return all(user_can(user, action, kind.model) for action in kind.actions)


def import_storage() -> Storage:
    """Where previewed files wait for confirmation (settings.STORAGES["imports"])."""
    return storages["imports"]


def _store(source: IO[bytes], *, name: str, scratch: Path) -> tuple[str, int, Path]:
    """Copy the upload into `scratch` (0600) while computing its SHA-256, then keep it in the
    imports storage under its digest; give back the digest, the size and the scratch copy."""
    suffix = Path(name).suffix.lower()
    part = scratch / f"upload{suffix}"
    digest = hashlib.sha256()
    size = 0
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(descriptor, "wb") as out:
        while chunk := source.read(64 * 1024):
            size += len(chunk)
            if size > settings.IMPORT_MAX_BYTES:
                raise ImportFileError(
                    [
                        _("The file is larger than %(limit)s bytes: split it.")
                        % {"limit": settings.IMPORT_MAX_BYTES}
                    ]
                )
            digest.update(chunk)
            out.write(chunk)
    key = f"{digest.hexdigest()}{suffix}"
    storage = import_storage()
    if not storage.exists(key):
        with open(part, "rb") as handle:
            storage.save(key, File(handle))
    return digest.hexdigest(), size, part


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(64 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def import_preview(
    *, kind: ImportKind, source: IO[bytes], name: str, user: Any
) -> tuple[Import, ImportReport]:
    """Keep the file, run the import without keeping anything, and record the preview.
    Raises ImportFileError when the file as a whole cannot be read."""
    if not import_allowed(kind, user):
        raise PermissionDenied
    if Path(name).suffix.lower() not in FILE_SUFFIXES:
        raise ImportFileError([_("Give a .csv or .xlsx file.")])
    with tempfile.TemporaryDirectory(prefix="liaison-import-") as scratch:
        digest, size, path = _store(source, name=name, scratch=Path(scratch))
        try:
            report = import_run(kind=kind, path=path, user=user, commit=False)
            record = Import.objects.create(
                user=user, kind=kind.key, file_name=Path(name).name[:255], digest=digest, size=size
            )
        except Exception:
            # Refused as a whole: no preview waits for it, so no clean-up would ever find it.
            import_file_remove(f"{digest}{Path(name).suffix.lower()}")
            raise
    return record, report


def import_confirm(*, record: Import, user: Any) -> ImportReport:
    """Run the previewed import again on its kept file and keep it if every row holds (the
    register may have changed since the preview): one transaction, one correlation id for
    every change, the Import itself marked imported in it."""
    kind = import_kind(record.kind)
    if record.user_id != getattr(user, "pk", None) or not import_allowed(kind, user):
        raise PermissionDenied
    if record.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("This file has already been imported."))
    storage = import_storage()
    with tempfile.TemporaryDirectory(prefix="liaison-import-") as scratch:
        # The kept file is copied here and checked against the digest the preview recorded.
        path = Path(scratch) / f"kept{Path(record.file_key).suffix}"
        try:
            with storage.open(record.file_key, "rb") as kept, open(path, "wb") as out:
                shutil.copyfileobj(kept, out)
        except (FileNotFoundError, OSError):
            path.unlink(missing_ok=True)
        if not path.exists() or file_digest(path) != record.digest:
            raise ValidationError(_("The previewed file is no longer kept: upload it again."))
        correlation_id = f"import-{record.digest[:16]}-{uuid.uuid4().hex[:8]}"
        with transaction.atomic(), history_context(actor=user, correlation_id=correlation_id):
            # Two confirmations at once (a double click): the second waits for the first's
            # lock here and then finds the preview imported.
            locked = Import.objects.select_for_update().get(pk=record.pk)
            if locked.status != ImportStatus.PREVIEWED:
                raise ValidationError(_("This file has already been imported."))
            report = import_run(kind=kind, path=path, user=user, commit=True)
            if report.committed:
                record.status = ImportStatus.IMPORTED
                record.rows_created = report.count(CREATE)
                record.rows_changed = report.count(CHANGE)
                record.rows_unchanged = report.count(UNCHANGED)
                record.correlation_id = correlation_id
                record.imported_at = timezone.now()
                record.save()
    if report.committed:
        import_file_remove(record.file_key)
    return report


def import_file_remove(key: str) -> None:
    """Remove a kept file unless another preview still waiting for confirmation shares it."""
    waiting = Import.objects.filter(status=ImportStatus.PREVIEWED)
    if any(record.file_key == key for record in waiting.filter(digest=key.split(".")[0])):
        return
    with contextlib.suppress(FileNotFoundError, OSError):
        import_storage().delete(key)


def import_file(*, kind: ImportKind, path: Path, user: Any, dry_run: bool) -> ImportReport:
    """The command line's import: the file from disk, previewed and, unless a dry run,
    confirmed at once (the same two steps as the web)."""
    with open(path, "rb") as source:
        record, report = import_preview(kind=kind, source=source, name=path.name, user=user)
    if dry_run or not report.ok:
        return report
    return import_confirm(record=record, user=user)
