"""The kinds of CSV export that can run as a job, by key. Each app declares its own."""

from __future__ import annotations

from django.utils.module_loading import import_string

from liaison.core.csv_export import CsvExport

KINDS = {
    "transfer-assessments": "liaison.transfers.exports.ASSESSMENT_EXPORT",
    "access-log": "liaison.core.access_log_export.ACCESS_LOG_EXPORT",
}


def export_kind(key: str) -> CsvExport:
    try:
        kind: CsvExport = import_string(KINDS[key])
    except KeyError:
        raise LookupError(f"no export kind {key!r}") from None
    return kind
