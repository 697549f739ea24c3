"""Every kind of export, by key (the address /exports/lists/<key>.<csv|xlsx> and a
background job's kind). Each app declares its own, with `table_export`."""

from __future__ import annotations

from django.utils.module_loading import import_string

from liaison.core.csv_export import TableExport

KINDS = {
    "transfer-assessments": "liaison.transfers.exports.ASSESSMENT_EXPORT",
    "access-log": "liaison.core.access_log_export.ACCESS_LOG_EXPORT",
    "change-log": "liaison.core.change_log_export.CHANGE_LOG_EXPORT",
    "partners": "liaison.partners.exports.PARTNER_EXPORT",
    "instruments": "liaison.instruments.exports.INSTRUMENT_EXPORT",
    "sources": "liaison.sources.exports.SOURCE_EXPORT",
    "contact-points": "liaison.contacts.exports.CONTACT_POINT_EXPORT",
    "engagements": "liaison.engagements.exports.ENGAGEMENT_EXPORT",
    "cases": "liaison.cases.exports.CASE_EXPORT",
}


def export_kind(key: str) -> TableExport:
    try:
        kind: TableExport = import_string(KINDS[key])
    except KeyError:
        raise LookupError(f"no export kind {key!r}") from None
    return kind
