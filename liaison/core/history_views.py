"""The site-wide change log: every change to the register, who made it, before and after."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet

from liaison.core.filtersets import ChangeLogFilterSet
from liaison.core.history import history_read, history_readable
from liaison.core.views import ObjectListView


def change_log_list() -> QuerySet[Any]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")


class ChangeLogListView(ObjectListView):
    """The entries of personal-data records only for roles that may see personal data, each
    such record shown written to the access log."""

    queryset = change_log_list()
    filterset_class = ChangeLogFilterSet
    template_name = "core/change_log_list.html"
    results_template_name = "core/change_log_results.html"

    def get_queryset(self) -> QuerySet[Any]:
        return history_readable(super().get_queryset(), user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        history_read(user=self.request.user, entries=context["object_list"], request=self.request)
        return context
