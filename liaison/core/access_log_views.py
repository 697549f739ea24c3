"""The access log, for the data protection officer: list, filter, export."""

from __future__ import annotations

import csv
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from liaison.core.filtersets import AccessLogFilterSet
from liaison.core.models import AccessLogEntry
from liaison.core.views import ObjectListView


def access_log_list() -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.select_related("content_type")


class AccessLogListView(ObjectListView):
    queryset = access_log_list()
    filterset_class = AccessLogFilterSet
    template_name = "core/access_log_list.html"
    results_template_name = "core/access_log_results.html"


class _Echo:
    def write(self, value: str) -> str:
        return value


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


class AccessLogExportView(ObjectListView):
    """The filtered access log as CSV (UTF-8, one row an entry, every row, no pagination)."""

    permission_action = "export"
    queryset = access_log_list()
    filterset_class = AccessLogFilterSet

    def permission_model(self) -> type[Model]:
        return AccessLogEntry

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_filterset(self.filterset_class)
        rows = filterset.qs.order_by("at", "id").iterator(chunk_size=2000)
        writer = csv.writer(_Echo())

        def lines() -> Any:
            yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
            yield writer.writerow(CSV_COLUMNS)
            for entry in rows:
                yield writer.writerow(
                    [
                        entry.at.isoformat(),
                        entry.username,
                        entry.action,
                        f"{entry.content_type.app_label}.{entry.content_type.model}",
                        entry.object_id,
                        _spreadsheet_safe(entry.object_repr),
                        _spreadsheet_safe(entry.path),
                        entry.request_id,
                    ]
                )

        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="liaison-access-log-{stamp}.csv"'
        return response  # type: ignore[return-value]


def _spreadsheet_safe(value: str) -> str:
    """A cell starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
