"""Exports too large for one request: asked for, written by a job, downloaded, expired."""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from liaison.core.csv_export import BATCH_SIZE, CSV, FORMATS, TableExport, csv_batches, xlsx_write
from liaison.core.models import AccessAction
from liaison.core.permissions import holds_personal_data, user_can
from liaison.core.replica import replica_reads
from liaison.core.services import access_record_rows
from liaison.exports.kinds import export_kind
from liaison.exports.models import Export, ExportStatus, Import, ImportStatus

logger = logging.getLogger(__name__)
EXPORT_JOB = "liaison.exports.services.export_write"


@transaction.atomic
def export_request(
    *,
    user: Any,
    kind: TableExport,
    query: str,
    rows_expected: int,
    request_id: str = "",
    file_format: str = CSV,
) -> Export:
    """Ask for an export of `kind` under these filters; a worker writes it once this
    transaction is committed."""
    if not user_can(user, kind.permission_action, kind.model):
        raise PermissionDenied
    if file_format not in FORMATS:
        raise ValidationError(
            translation.gettext("There is no export format %(format)s: choose CSV or XLSX.")
            % {"format": file_format}
        )
    export = Export.objects.create(
        user=user,
        kind=kind.key,
        file_format=file_format,
        language=translation.get_language() or "",
        query=query,
        rows_expected=rows_expected,
        request_id=request_id[:32],
    )
    transaction.on_commit(lambda: export_enqueue(export=export))
    return export


def export_enqueue(*, export: Export) -> None:
    from django_q.tasks import async_task

    async_task(EXPORT_JOB, str(export.pk), task_name=f"export-{export.pk}", group="exports")


def _progress(export: Export, **fields: Any) -> None:
    """Progress is committed at once, whatever transaction the caller is in, so that the
    page that polls it sees it move."""
    for name, value in fields.items():
        setattr(export, name, value)
    Export.objects.filter(pk=export.pk).update(**fields)


def export_storage() -> Storage:
    """Where finished export files are kept: the data directory or a private bucket
    (settings.STORAGES["exports"])."""
    return storages["exports"]


def _storage_remove(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        export_storage().delete(name)


def export_write(export_id: str) -> str:
    """The job, in the language the export was asked in (its headers, its labels)."""
    language = Export.objects.filter(pk=export_id).values_list("language", flat=True).first()
    with translation.override(language or None):
        return _export_write(export_id)


def _export_write(export_id: str) -> str:
    """The job: write the export's file from a server-side cursor, batch by batch, then, in
    one transaction, log every row written as exported and mark the file ready. A failure
    leaves no file and no access-log entry, and raises so that the queue records it (and
    tries again). Running it again on a finished export changes nothing."""
    export = Export.objects.select_related("user").get(pk=export_id)
    if export.status in {ExportStatus.READY, ExportStatus.EXPIRED}:
        return f"export {export.pk} is already {export.status}"
    kind = export_kind(export.kind)
    user = export.user
    if not user_can(user, kind.permission_action, kind.model):
        _progress(
            export,
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            error="The person who asked for it may no longer export these records.",
        )
        return f"export {export.pk} refused: its owner may no longer export {kind.key}"
    _progress(
        export, status=ExportStatus.RUNNING, started_at=timezone.now(), rows_written=0, error=""
    )
    # The file is written in a private scratch folder of this machine, then stored (on disk
    # or in the bucket) in the transaction that logs its rows: all of it or none of it.
    scratch = Path(tempfile.mkdtemp(prefix="liaison-export-"))
    part, seen_path = scratch / "export.part", scratch / "export.rows"
    storage = export_storage()
    stored = False
    personal = holds_personal_data(kind.model) and kind.access_logger is None
    data = QueryDict(export.query)
    try:
        chosen = kind.records(user=user, data=data)
    except ValidationError as error:
        shutil.rmtree(scratch, ignore_errors=True)
        _progress(
            export,
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            error=(" ".join(error.messages)[:470] + " Ask for the export again."),
        )
        return f"export {export.pk} refused: its filters no longer hold"
    records = chosen.iterator(chunk_size=BATCH_SIZE)
    try:
        binary = export.file_format != CSV
        # The rows may come from a replica (LIAISON_REPLICA_DATABASE_URL): a heavy read that a
        # few seconds' lag does not change; who may export was decided above, on the primary.
        with (
            _private_file(part, binary=binary) as out,
            _private_file(seen_path) as seen,
            replica_reads(),
        ):

            def batch_written(batch: list[Any]) -> None:
                if personal:  # (key, name) of each row, to log once the file is complete
                    seen.writelines(f"{item.pk}\t{_one_line(str(item))}\n" for item in batch)
                elif kind.access_logger is not None:
                    # Rows that stand for other records (the change log's entries): logged
                    # as they are written; a failed file leaves more logged, never less.
                    kind.access_logger(user=user, batch=batch, request=None)
                _progress(export, rows_written=export.rows_written + len(batch))

            if binary:
                xlsx_write(
                    out=out,
                    title=str(kind.title),
                    header=kind.header,
                    records=records,
                    row=kind.row,
                    after_batch=batch_written,
                    prepare=kind.prepare(data),
                )
            else:
                for chunk in csv_batches(
                    header=kind.header,
                    records=records,
                    row=kind.row,
                    after_batch=batch_written,
                    prepare=kind.prepare(data),
                ):
                    out.write(chunk)
        with transaction.atomic():
            if personal:
                with open(seen_path, encoding="utf-8") as seen_rows:
                    access_record_rows(
                        user=user,
                        model=kind.model,
                        rows=_rows_seen(seen_rows),
                        action=AccessAction.EXPORT,
                        path=export.get_absolute_url(),
                        request_id=export.request_id,
                    )
            with open(part, "rb") as handle:
                stored = True
                saved = storage.save(export.file_key, File(handle))
            if saved != export.file_key:
                raise RuntimeError(f"the storage kept the file as {saved!r}")
            now = timezone.now()
            _progress(
                export,
                status=ExportStatus.READY,
                size=storage.size(saved),
                finished_at=now,
                expires_at=now + datetime.timedelta(days=settings.EXPORT_DAYS),
            )
    except Exception as error:
        if stored:
            _storage_remove(export.file_key)
        _progress(
            export,
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            # The kind of error only: its text could quote the data.
            error=f"The file could not be written ({type(error).__name__}); it is tried "
            "again automatically a few times. An administrator sees the failure in /admin/.",
        )
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return f"export {export.pk}: {export.rows_written} rows written"


@contextlib.contextmanager
def _private_file(path: Path, *, binary: bool = False) -> Any:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if binary:
        with open(descriptor, "wb") as raw:
            yield raw
        return
    with open(descriptor, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _rows_seen(lines: Any) -> Any:
    for line in lines:
        key, _tab, name = line.rstrip("\n").partition("\t")
        yield key, name


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def export_downloadable(*, export: Export, user: Any) -> bool:
    """Only the person who asked downloads the file, while it is ready and they may still
    export such records."""
    if export.user_id != getattr(user, "pk", None) or export.status != ExportStatus.READY:
        return False
    if export.expires_at is not None and export.expires_at <= timezone.now():
        return False
    kind = export_kind(export.kind)
    return user_can(user, kind.permission_action, kind.model) and export_storage().exists(
        export.file_key
    )


def exports_expire(*, now: datetime.datetime | None = None) -> str:
    """The scheduled clean-up: delete the files of exports past their expiry (and of failed
    ones), keeping the record of who asked for what."""
    now = now or timezone.now()
    expired = 0
    for export in Export.objects.filter(status=ExportStatus.READY, expires_at__lte=now):
        _storage_remove(export.file_key)
        _progress(export, status=ExportStatus.EXPIRED)
        expired += 1
    for export in Export.objects.filter(status=ExportStatus.FAILED):
        _storage_remove(export.file_key)
    # Files of import previews never confirmed: kept as long as an export's.
    stale = Import.objects.filter(
        status=ImportStatus.PREVIEWED,
        created_at__lte=now - datetime.timedelta(days=settings.EXPORT_DAYS),
    )
    previews = 0
    storage = storages["imports"]
    for record in stale:
        if (
            storage.exists(record.file_key)
            and not Import.objects.filter(
                digest=record.digest,
                created_at__gt=now - datetime.timedelta(days=settings.EXPORT_DAYS),
            ).exists()
        ):
            with contextlib.suppress(FileNotFoundError, OSError):
                storage.delete(record.file_key)
            previews += 1
    return f"{expired} export file(s) expired, {previews} import preview file(s) removed"
