"""The access log's CSV export, in this app because it may run as a background export;
the access log itself is core's."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from liaison.core.access_log_export import ACCESS_LOG_EXPORT, access_log_list
from liaison.core.filtersets import AccessLogFilterSet
from liaison.core.models import AccessLogEntry
from liaison.core.permissions import EXPORT
from liaison.core.views import ObjectListView
from liaison.exports.responses import csv_export_job_response, csv_export_response


class AccessLogExportView(ObjectListView):
    """The filtered access log as CSV (one row an entry, every row, no pagination)."""

    permission_action = EXPORT
    queryset = access_log_list()
    filterset_class = AccessLogFilterSet

    def permission_model(self) -> type[Model]:
        return AccessLogEntry

    def records(self) -> QuerySet[AccessLogEntry] | None:
        filterset = self.get_filterset(self.filterset_class)
        if self.ignored_filters:
            return None
        return filterset.qs.select_related(None).order_by(*ACCESS_LOG_EXPORT.ordering)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        records = self.records()
        if records is None:
            return self.bad_filters_response()
        return csv_export_response(request=request, kind=ACCESS_LOG_EXPORT, records=records)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Write the export in the background (the filters are in the query string)."""
        records = self.records()
        if records is None:
            return self.bad_filters_response()
        return csv_export_job_response(request=request, kind=ACCESS_LOG_EXPORT, records=records)
