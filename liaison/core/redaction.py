"""Redaction of the change history: the one way a history entry may change.

When a retention rule anonymises a record, `history_redact` removes the values it cleared
from that record's history entries, and its former representation from the entries of the
records that point at it, so that the history does not keep what the retention period
took away. Who, when, which request and what kind of change stay."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Field, Model, Q

from liaison.core.history import audited_models, redacting

REDACTED = "[removed]"


def _is_empty(value: Any) -> bool:
    return value is None or value in ("", "None", "null")


def _redact_value(value: Any, current: str, replacement: str, removed: set[str]) -> Any:
    """`replacement` for a recorded value that is no longer the record's own (empty values,
    which carry nothing, and the current value stay)."""
    if _is_empty(value) or str(value) == current:
        return value
    removed.add(str(value))
    return replacement


def _redact_changes(
    changes: Any, currents: dict[str, str], replacement: str, removed: set[str]
) -> Any:
    if not isinstance(changes, dict):
        return changes
    redacted = dict(changes)
    for name, current in currents.items():
        values = redacted.get(name)
        if isinstance(values, list):
            redacted[name] = [_redact_value(v, current, replacement, removed) for v in values]
        elif values is not None:
            redacted[name] = _redact_value(values, current, replacement, removed)
    return redacted


def _redact_text(text: str, secrets: Iterable[str], replacement: str) -> str:
    for secret in sorted(secrets, key=len, reverse=True):  # longest first: no partial leftovers
        text = text.replace(secret, replacement)
    return text


def _save_redacted(entry: Any, **columns: Any) -> bool:
    changed = [name for name, value in columns.items() if getattr(entry, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(entry, name, columns[name])
    token = redacting.set(True)
    try:
        entry.save(update_fields=changed)
    finally:
        redacting.reset(token)
    return True


def _redact_references(obj: Model, old_reprs: set[str], current_repr: str) -> int:
    """In the history of records pointing at `obj` (a successor's predecessor, an invitation's
    contact point), replace the representation of `obj` they recorded when it still showed
    the removed data."""
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.contrib.contenttypes.models import ContentType

    if not old_reprs:
        return 0
    rewritten = 0
    for model in audited_models():
        if not auditlog.contains(model):
            continue
        for field in model._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            related = field.related_model
            if not isinstance(related, type) or not isinstance(obj, related):
                continue
            content_type = ContentType.objects.get_for_model(model)
            # A creation or deletion records the foreign key in its data; an update that
            # moved it away from `obj` has it only among its changes.
            entries = LogEntry.objects.filter(
                Q(**{f"serialized_data__fields__{field.name}": obj.pk})
                | Q(action=LogEntry.Action.UPDATE, changes__has_key=field.name),
                content_type=content_type,
            ).order_by("pk")
            for entry in entries:
                changes = entry.changes
                if isinstance(changes, dict) and isinstance(changes.get(field.name), list):
                    changes = dict(changes)
                    changes[field.name] = [
                        current_repr if value in old_reprs else value
                        for value in changes[field.name]
                    ]
                rewritten += _save_redacted(
                    entry,
                    changes=changes,
                    changes_text=_redact_text(entry.changes_text or "", old_reprs, current_repr),
                    object_repr=_redact_text(entry.object_repr, old_reprs, current_repr),
                )
    return rewritten


@transaction.atomic
def history_redact(*, obj: Model, fields: Iterable[str], replacement: str = REDACTED) -> int:
    """Remove from every history entry of `obj` the values its `fields` no longer hold.

    For retention rules, after they have cleared those fields and saved `obj` (so that the
    entry of that save is redacted too): in each entry of `obj`, the fields' values before
    and after (`changes`, `changes_text`) and in the recorded data (`serialized_data`)
    become `replacement`, unless empty or equal to the current value; `object_repr`
    becomes `str(obj)` as it is now. Entries of records pointing at `obj` that recorded its
    former representation get the current one. Who, when, which request and the kind of
    change stay; no entry is added or deleted. The only way to change a history entry;
    runs in the caller's transaction. Returns the number of entries rewritten."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    if obj.pk is None:
        raise ValueError("Only a saved record's history can be redacted.")
    names = list(dict.fromkeys(fields))
    if not names:
        raise ValueError("Name the fields whose past values are to be removed.")
    currents: dict[str, str] = {}
    for name in names:
        field = obj._meta.get_field(name)  # FieldDoesNotExist for a name the model lacks
        if not isinstance(field, Field) or not field.concrete or field.many_to_many:
            raise ValueError(f"{name} is not a column of {obj._meta.label}.")
        value = getattr(obj, field.attname)
        currents[name] = "" if value is None else str(value)
    current_repr = str(obj)
    entries = list(
        LogEntry.objects.select_for_update()
        .filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))
        .order_by("pk")
    )
    removed: set[str] = set()
    old_reprs: set[str] = set()
    redacted = []
    for entry in entries:
        changes = _redact_changes(entry.changes, currents, replacement, removed)
        data = entry.serialized_data
        if isinstance(data, dict) and isinstance(data.get("fields"), dict):
            data = {
                **data,
                "fields": {
                    **data["fields"],
                    **{
                        name: _redact_value(data["fields"][name], current, replacement, removed)
                        for name, current in currents.items()
                        if name in data["fields"]
                    },
                },
            }
        if entry.object_repr != current_repr:
            old_reprs.add(entry.object_repr)
        redacted.append((entry, changes, data))
    rewritten = 0
    for entry, changes, data in redacted:
        text = entry.changes_text or ""
        if text:
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                text = json.dumps(_redact_changes(parsed, currents, replacement, removed))
            text = _redact_text(text, removed, replacement)
        rewritten += _save_redacted(
            entry,
            changes=changes,
            changes_text=text,
            serialized_data=data,
            object_repr=current_repr,
        )
    old_reprs.discard("")
    return rewritten + _redact_references(obj, old_reprs, current_repr)
