"""The access log, for the data protection officer: list, filter, export."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from liaison.core.csv_export import csv_response
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
    """The filtered access log as CSV (one row an entry, every row, no pagination)."""

    permission_action = "export"
    queryset = access_log_list()
    filterset_class = AccessLogFilterSet

    def permission_model(self) -> type[Model]:
        return AccessLogEntry

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_filterset(self.filterset_class)
        if self.ignored_filters:
            return self.bad_filters_response()
        entries = filterset.qs.order_by("at", "id").iterator(chunk_size=2000)
        rows = (
            [
                entry.at.isoformat(),
                entry.username,
                entry.action,
                f"{entry.content_type.app_label}.{entry.content_type.model}",
                entry.object_id,
                entry.object_repr,
                entry.path,
                entry.request_id,
            ]
            for entry in entries
        )
        return csv_response(name="access-log", header=CSV_COLUMNS, rows=rows)
