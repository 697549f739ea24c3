"""The two answers of an export address: the file itself (CSV streamed, XLSX written then
sent) when it is small enough for one request; otherwise an offer to write it in the
background. Every list's export goes through here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from liaison.core.csv_export import BATCH_SIZE, CSV, TableExport, csv_response, xlsx_response
from liaison.core.models import AccessAction
from liaison.core.permissions import holds_personal_data
from liaison.core.services import access_record
from liaison.exports.services import export_request


def access_logger(*, request: HttpRequest, kind: TableExport) -> Callable[[list[Any]], None] | None:
    """What logs a batch of rows as exported by the person asking: the records themselves
    when they are personal data, or what the kind says its rows stand for."""
    if kind.access_logger is not None:
        logger = kind.access_logger

        def log_rows(batch: list[Any]) -> None:
            logger(user=request.user, batch=batch, request=request)

        return log_rows
    if holds_personal_data(kind.model):

        def log_records(batch: list[Any]) -> None:
            access_record(
                user=request.user, objects=batch, request=request, action=AccessAction.EXPORT
            )

        return log_records
    return None


def export_response(
    *, request: HttpRequest, kind: TableExport, records: QuerySet[Any], file_format: str = CSV
) -> HttpResponse:
    """The records as a file, logging each batch of personal data once it is sent; over
    LIAISON_EXPORT_MAX_ROWS_INLINE rows (counted first, up to one past it), offer a
    background export."""
    limit = settings.EXPORT_MAX_ROWS_INLINE
    # Counted up to one row past the limit: an exact count of a two-million-row log took as
    # long as the first byte of a small export (the job counts them all when asked).
    if records.order_by()[: limit + 1].count() > limit:
        return render(
            request,
            "exports/export_offer.html",
            {"kind": kind, "limit": limit, "file_format": file_format},
        )
    after_batch = access_logger(request=request, kind=kind)
    prepare = kind.prepare(request.GET)
    rows = records.iterator(chunk_size=BATCH_SIZE)
    if file_format == CSV:
        return csv_response(
            name=kind.key,
            header=kind.header,
            records=rows,
            row=kind.row,
            after_batch=after_batch,
            prepare=prepare,
        )
    return xlsx_response(
        name=kind.key,
        title=str(kind.title),
        header=kind.header,
        records=rows,
        row=kind.row,
        after_batch=after_batch,
        prepare=prepare,
    )


def csv_export_response(
    *, request: HttpRequest, kind: TableExport, records: QuerySet[Any]
) -> HttpResponse:
    return export_response(request=request, kind=kind, records=records, file_format=CSV)


def export_job_response(
    *, request: HttpRequest, kind: TableExport, records: QuerySet[Any], file_format: str = CSV
) -> HttpResponse:
    """Ask for the export in the background and go to its progress page."""
    export = export_request(
        user=request.user,
        kind=kind,
        query=request.GET.urlencode(),
        rows_expected=records.count(),
        request_id=getattr(request, "request_id", ""),
        file_format=file_format,
    )
    response = HttpResponseRedirect(export.get_absolute_url())
    response.status_code = 303  # see the progress page with a GET
    return response


def csv_export_job_response(
    *, request: HttpRequest, kind: TableExport, records: QuerySet[Any]
) -> HttpResponse:
    return export_job_response(request=request, kind=kind, records=records, file_format=CSV)
