"""The access log, for the data protection officer: list and filter (its export is a
background-capable CSV export: liaison/exports/access_log_views.py)."""

from __future__ import annotations

from liaison.core.access_log_export import access_log_list
from liaison.core.filtersets import AccessLogFilterSet
from liaison.core.views import ObjectListView


class AccessLogListView(ObjectListView):
    queryset = access_log_list()
    filterset_class = AccessLogFilterSet
    template_name = "core/access_log_list.html"
    results_template_name = "core/access_log_results.html"
