"""The change log as a spreadsheet: one row a change, newest first. Entries of
personal-data records only for the roles that may see them, each such record written to
the access log as exported (the rule of the change log page)."""

from __future__ import annotations

import json
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import Column, table_export
from liaison.core.filtersets import ChangeLogFilterSet
from liaison.core.history import history_read, history_readable
from liaison.core.models import AccessAction

ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted")}


def _entries(user: Any, data: QueryDict) -> Any:
    entries = LogEntry.objects.select_related("actor")
    return history_readable(entries, user=user)


def _record_type(entry: LogEntry) -> str:
    content_type = ContentType.objects.get_for_id(entry.content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _changes(entry: LogEntry) -> str:
    changes = entry.changes
    if isinstance(changes, str):
        return changes
    return json.dumps(changes or {}, ensure_ascii=False, sort_keys=True)


def change_log_access(*, user: Any, batch: list[LogEntry], request: Any) -> None:
    history_read(user=user, entries=batch, request=request, action=AccessAction.EXPORT)


CHANGE_LOG_EXPORT = table_export(
    key="change-log",
    title=_("Change log"),
    model=LogEntry,
    filterset_class=ChangeLogFilterSet,
    queryset=_entries,
    ordering=("-timestamp", "-pk"),
    access_logger=change_log_access,
    columns=[
        Column(_("When"), lambda e: e.timestamp.isoformat()),
        Column(_("Who"), lambda e: e.actor.get_username() if e.actor else ""),
        Column(_("Change"), lambda e: ACTIONS.get(e.action, e.action)),
        Column(_("Record type"), _record_type),
        Column(_("Record number"), lambda e: e.object_pk),
        Column(_("Record"), lambda e: e.object_repr),
        Column(_("Before and after"), _changes),
        Column(_("Request id"), lambda e: e.cid or ""),
    ],
)
