"""The site-wide change log: every change to the register, who made it, before and after."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet

from liaison.core.filtersets import ChangeLogFilterSet
from liaison.core.views import ObjectListView


def change_log_list() -> QuerySet[Any]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")


class ChangeLogListView(ObjectListView):
    queryset = change_log_list()
    filterset_class = ChangeLogFilterSet
    template_name = "core/change_log_list.html"
    results_template_name = "core/change_log_results.html"
