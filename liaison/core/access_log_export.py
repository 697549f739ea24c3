"""The access log as CSV: one row an entry, oldest first."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import CsvExport
from liaison.core.filtersets import AccessLogFilterSet
from liaison.core.models import AccessLogEntry

CSV_COLUMNS = [
    "at",
    "user",
    "action",
    "record_type",
    "record_id",
    "record",
    "address",
    "request_id",
]


def access_log_list() -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.select_related("content_type")


def _entries(user: Any, data: Any = None) -> QuerySet[AccessLogEntry]:
    # Record types come from ContentType's own cache: no join over millions of entries.
    return AccessLogEntry.objects.all()


def access_log_csv_row(entry: AccessLogEntry) -> list[Any]:
    content_type = ContentType.objects.get_for_id(entry.content_type_id)
    return [
        entry.at.isoformat(),
        entry.username,
        entry.action,
        f"{content_type.app_label}.{content_type.model}",
        entry.object_id,
        entry.object_repr,
        entry.path,
        entry.request_id,
    ]


ACCESS_LOG_EXPORT = CsvExport(
    key="access-log",
    title=_("Access log"),
    model=AccessLogEntry,
    filterset_class=AccessLogFilterSet,
    queryset=_entries,
    ordering=("at", "id"),
    header=CSV_COLUMNS,
    row=access_log_csv_row,
)
