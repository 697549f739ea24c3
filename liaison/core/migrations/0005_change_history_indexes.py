"""Indexes on the change history (auditlog's table) fit for Liaison's queries.

On PostgreSQL only: a record's history newest first, a child's history found by its
parent's id in the recorded data (partner, instrument, engagement), the change log by
person, by record type and by time. SQLite registers are small enough without them."""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "auditlog_logentry"
# The foreign keys by which a child's entries name their parent (history_of's children).
PARENT_FIELDS = ("partner", "instrument", "engagement")


def _indexes() -> list[tuple[str, str]]:
    latest = "timestamp DESC, id DESC"
    found = [
        ("logentry_record_latest_first", f"(content_type_id, object_id, {latest})"),
        ("logentry_latest_first", f"({latest})"),
        ("logentry_type_latest_first", f"(content_type_id, {latest})"),
        ("logentry_actor_latest_first", f"(actor_id, {latest})"),
    ]
    for field in PARENT_FIELDS:
        path = f"(serialized_data #> '{{fields,{field}}}'::text[])"
        found.append(
            (
                f"logentry_{field}_child_latest_first",
                f"(content_type_id, {path}, {latest}) WHERE {path} IS NOT NULL",
            )
        )
    return found


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in _indexes():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {definition}")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in _indexes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_access_log_indexes"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(create, drop)]
