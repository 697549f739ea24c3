"""The two answers of an export address: the CSV itself, streamed, when it is small
enough for one request; otherwise an offer to write it in the background."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from liaison.core.csv_export import BATCH_SIZE, CsvExport, csv_response
from liaison.core.models import AccessAction
from liaison.core.permissions import holds_personal_data
from liaison.core.services import access_record
from liaison.exports.services import export_request


def csv_export_response(
    *, request: HttpRequest, kind: CsvExport, records: QuerySet[Any]
) -> HttpResponse:
    """Stream the records as CSV, logging each batch of personal data once it is sent; over
    LIAISON_EXPORT_MAX_ROWS_INLINE rows (counted first, up to one past it), offer a
    background export."""
    limit = settings.EXPORT_MAX_ROWS_INLINE
    # Counted up to one row past the limit: an exact count of a two-million-row log took as
    # long as the first byte of a small export (the job counts them all when asked).
    if records.order_by()[: limit + 1].count() > limit:
        return render(request, "exports/export_offer.html", {"kind": kind, "limit": limit})
    after_batch = None
    if holds_personal_data(kind.model):

        def after_batch(batch: list[Any]) -> None:
            access_record(
                user=request.user, objects=batch, request=request, action=AccessAction.EXPORT
            )

    return csv_response(
        name=kind.key,
        header=kind.header,
        records=records.iterator(chunk_size=BATCH_SIZE),
        row=kind.row,
        after_batch=after_batch,
    )


def csv_export_job_response(
    *, request: HttpRequest, kind: CsvExport, records: QuerySet[Any]
) -> HttpResponse:
    """Ask for the export in the background and go to its progress page."""
    export = export_request(
        user=request.user,
        kind=kind,
        query=request.GET.urlencode(),
        rows_expected=records.count(),
        request_id=getattr(request, "request_id", ""),
    )
    response = HttpResponseRedirect(export.get_absolute_url())
    response.status_code = 303  # see the progress page with a GET
    return response
