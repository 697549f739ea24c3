"""Change history, done once here for every model (django-auditlog underneath).

Every create, update and delete of a Liaison model, of a user account or a role is
written to auditlog's `LogEntry`: who (the actor), when, through which request (the
request id as correlation id), the fields before and after, and the object's whole
data after the change. Views never write history by hand. Entries cannot be changed
or deleted, with one exception: when a retention rule anonymises a record,
`history_redact` (liaison/core/redaction.py) removes the personal data it clears from that
record's entries too, so that the history does not keep what the retention period took away.

The actor and the request id come from the change context that `HistoryMiddleware`
opens for each request (after authentication, so that an API token's user is known at
the time of the write) and that commands open with `history_context`.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import get_language

from liaison.core.dates import local_time_text

# Fields that change on every save and say nothing a reader needs.
UNTRACKED_FIELDS = ("created", "last_updated", "reference_digest")
# Models with their own append-only log: their history would only repeat it, and would copy
# a transfer assessment's case texts where people who may not read them can.
# Exports are a job's bookkeeping (progress written every batch), not register records.
UNTRACKED_MODELS = {
    "core.accesslogentry",
    "transfers.transferassessment",
    "exports.export",
    # Derived daily counts, recomputed with every interaction write: the interactions have
    # their own history.
    "contacts.partnerinteractionday",
    # Derived per-region engagement counts, recounted with every write of the links.
    "engagements.regionengagementcount",
}
# Many-to-many relations whose changes are part of their owner's history.
M2M_FIELDS = {
    "partners.partner": {"regions", "members"},
    "auth.user": {"groups"},
    "cases.case": {"partners"},
    "cases.operation": {"partners", "liaison_prosecutors_of"},
    "cases.jointinvestigationteam": {"partners", "participants"},
}
# Fields never copied into the history (secrets, or noise written on every request).
EXCLUDED_FIELDS = {
    "auth.user": ["password", "last_login"],
    "core.apitoken": ["key_digest", "last_used"],
    "engagements.calendarfeedkey": ["key_digest"],
    # Every role reads a JIT's history; the case it belongs to only those who read cases.
    "cases.jointinvestigationteam": ["case"],
}
# Accounts and roles are audited as well as the register.
EXTRA_MODELS = ("auth.user", "auth.group")


@dataclass(frozen=True)
class ChangeContext:
    actor: Any
    correlation_id: str


_context: ContextVar[ChangeContext | None] = ContextVar("liaison_change_context", default=None)
# Set only inside `history_redact` (liaison/core/redaction.py): the one place allowed to
# rewrite a history entry.
redacting: ContextVar[bool] = ContextVar("liaison_history_redacting", default=False)
# What a redaction may rewrite; who, when, which request and what kind of change stay.
REDACTABLE_COLUMNS = frozenset({"changes", "changes_text", "serialized_data", "object_repr"})


@contextlib.contextmanager
def history_context(*, actor: Any = None, correlation_id: str | None = None) -> Iterator[str]:
    """Name who makes the changes inside the block and the id that groups them.

    Yields the correlation id (a new one unless given)."""
    cid = correlation_id or uuid.uuid4().hex
    token = _context.set(ChangeContext(actor=actor, correlation_id=cid))
    try:
        yield cid
    finally:
        _context.reset(token)


def current_correlation_id() -> str | None:
    """The request id (or command run id) the changes being written belong to."""
    context = _context.get()
    return context.correlation_id if context else None


def _current_actor() -> Any:
    context = _context.get()
    if context is None or context.actor is None:
        return None
    actor = context.actor
    if callable(actor):  # a request's user, read when the change is written
        actor = actor()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def audited_models() -> list[type[Model]]:
    """Every model of Liaison's apps, plus user accounts and roles."""
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("liaison.")
        for model in config.get_models()
        if model._meta.label_lower not in UNTRACKED_MODELS
    ]
    models.extend(apps.get_model(label) for label in EXTRA_MODELS)
    return models


def history_register() -> None:
    """Register every audited model with auditlog and guard the history itself."""
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog

    for model in audited_models():
        label = model._meta.label_lower
        if auditlog.contains(model):
            continue
        excluded = {*UNTRACKED_FIELDS, *EXCLUDED_FIELDS.get(label, []), model._meta.pk.name}
        m2m = M2M_FIELDS.get(label, set())
        auditlog.register(
            model,
            # The record's own columns and named many-to-many relations; not the reverse
            # relations (an instrument's events have their own history).
            include_fields=[
                field.name for field in model._meta.concrete_fields if field.name not in excluded
            ]
            + sorted(m2m),
            m2m_fields=m2m,
            serialize_data=True,
            serialize_auditlog_fields_only=True,
        )
    pre_save.connect(_stamp_or_refuse, sender=LogEntry, dispatch_uid="liaison-history-save")
    pre_delete.connect(_refuse_delete, sender=LogEntry, dispatch_uid="liaison-history-delete")


def _stamp_or_refuse(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk is not None:
        update_fields = kwargs.get("update_fields")
        if not (redacting.get() and update_fields and set(update_fields) <= REDACTABLE_COLUMNS):
            raise PermissionDenied("A history entry cannot be changed.")
        return
    if instance.actor_id is None:
        actor = _current_actor()
        if actor is not None:
            instance.actor = actor
            instance.actor_email = getattr(actor, "email", None) or None


def _refuse_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    raise PermissionDenied("A history entry cannot be deleted.")


def _history_branches(
    obj: Model, children: dict[str, str] | None, reader: Any = None
) -> list[QuerySet[Any]]:
    """One queryset per source of `obj`'s history, each served by an index of its own: the
    object's entries by (record type, id), a child's by the parent id in its data. With a
    `reader`, the sources whose entries are personal data are left out for those who may
    not see personal data (see `history_readable`)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from liaison.core.permissions import holds_personal_data, user_sees_personal_data

    hide_personal = reader is not None and not user_sees_personal_data(reader)
    sources: list[tuple[type[Model], dict[str, Any]]] = [(type(obj), {"object_id": obj.pk})]
    for label, field in (children or {}).items():
        sources.append((apps.get_model(label), {f"serialized_data__fields__{field}": obj.pk}))
    return [
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **lookup)
        for model, lookup in sources
        if not (hide_personal and holds_personal_data(model))
    ]


def history_of(
    obj: Model,
    *,
    children: dict[str, str] | None = None,
    limit: int | None = None,
    reader: Any = None,
) -> QuerySet[Any]:
    """The history of `obj`, newest first, with that of its children if named.

    `children` maps a child model's label to the name of its foreign key to `obj`, e.g.
    {"instruments.instrumentevent": "instrument"}; a deleted child's entries are found
    by the data they recorded. With `limit`, only the newest `limit` entries are wanted:
    each source gives at most that many (on databases that can), so that the cost does
    not grow with the length of the history. With `reader`, only what that user may read.
    """
    from auditlog.models import LogEntry

    ordering = ("-timestamp", "-pk")
    parts = []
    branches = _history_branches(obj, children, reader)
    if not branches:
        return LogEntry.objects.none()
    for branch in branches:
        ids = branch.values("pk").order_by()
        if limit is not None and connection.features.supports_slicing_ordering_in_compound:
            ids = ids.order_by(*ordering)[:limit]
        parts.append(ids)
    wanted = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    entries = (
        LogEntry.objects.filter(pk__in=wanted)
        .select_related("actor", "content_type")
        .order_by(*ordering)
    )
    return entries if limit is None else entries[:limit]


class HistoryPages:
    """`history_of` for a paginator: counts each source apart (an index-only count) and
    reads only up to the page asked for."""

    def __init__(
        self, obj: Model, *, children: dict[str, str] | None = None, reader: Any = None
    ) -> None:
        from auditlog.models import LogEntry

        self.obj = obj
        self.children = children
        self.reader = reader
        self.model = LogEntry

    def count(self) -> int:
        branches = _history_branches(self.obj, self.children, self.reader)
        return sum(branch.count() for branch in branches)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        if not isinstance(index, slice) or index.stop is None:
            raise TypeError("History pages are read by slices with an end.")
        entries = history_of(self.obj, children=self.children, limit=index.stop, reader=self.reader)
        return list(entries)[index]


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str


def _shown(value: Any, choices: dict[str, str] | None) -> str:
    if value is None or value == "None":
        return ""
    text = str(value)
    if choices is not None:
        return str(choices.get(text, text))
    # A moment is stored as UTC text: shown, like the entry's own time, in local time.
    return local_time_text(text, seconds=True)


_FIELD_WORDS: dict[tuple[Any, str, str | None], tuple[str, dict[str, str] | None]] = {}


def _field_words(model: Any, name: str) -> tuple[str, dict[str, str] | None]:
    """A field's label and its choices' labels in the current language, worked out once per
    process: a page of 50 entries would otherwise translate every choice of every field
    again for each entry."""
    key = (model, name, get_language())
    found = _FIELD_WORDS.get(key)
    if found is not None:
        return found
    label, choices = name, None
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 (a field since removed: show its name)
            field = None
        if field is not None:
            label = str(getattr(field, "verbose_name", name))
            if getattr(field, "choices", None):
                choices = {str(key): str(text) for key, text in field.flatchoices}
    _FIELD_WORDS[key] = (label, choices)
    return label, choices


def change_rows(entry: Any) -> list[ChangeRow]:
    """An entry's changes as (field, before, after), in words a reader knows, no queries."""
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        label, choices = _field_words(model, name)
        if isinstance(values, dict):  # a many-to-many change
            objects = ", ".join(str(item) for item in values.get("objects", []))
            removed = values.get("operation") in ("delete", "clear")
            rows.append(ChangeRow(label, objects if removed else "", "" if removed else objects))
        else:
            before, after = (list(values) + [None, None])[:2]
            rows.append(ChangeRow(label, _shown(before, choices), _shown(after, choices)))
    return rows


@contextlib.contextmanager
def history_actor(user: Any) -> Iterator[None]:
    """Name `user` as the author of the changes in the block (a service acting for someone,
    also outside a request); the request id, if any, is kept."""
    with history_context(actor=user, correlation_id=current_correlation_id()):
        yield


# --- Reading the history: an entry is as personal as the record it is about ------------------


def personal_content_types() -> list[Any]:
    """The record types whose history entries are personal data: those of the models marked
    `contains_personal_data` (their entries hold the names, e-mails and telephones)."""
    from django.contrib.contenttypes.models import ContentType

    from liaison.core.permissions import holds_personal_data

    models = [model for model in audited_models() if holds_personal_data(model)]
    return list(ContentType.objects.get_for_models(*models).values())


def history_readable(entries: QuerySet[Any], *, user: Any) -> QuerySet[Any]:
    """The entries `user` may read: those of personal-data records only for the roles that
    may see personal data, the same rule as for the records themselves."""
    from liaison.core.permissions import user_sees_personal_data

    if user_sees_personal_data(user):
        return entries
    return entries.exclude(content_type__in=personal_content_types())


def history_read(
    *, user: Any, entries: Iterable[Any], request: Any = None, action: str = "view"
) -> int:
    """Write to the access log the personal-data records whose entries `user` was shown, one
    row per record (deleted records too, by the type, id and name their entries recorded).
    Every door that shows history entries calls this with what it showed."""
    from liaison.core.services import AccessedRecord, access_record_references

    personal = {content_type.pk for content_type in personal_content_types()}
    records: dict[tuple[int, str], Any] = {}
    for entry in entries:
        if entry.content_type_id in personal:
            records.setdefault(
                (entry.content_type_id, entry.object_pk),
                AccessedRecord(entry.content_type, entry.object_pk, entry.object_repr),
            )
    return access_record_references(
        user=user, records=records.values(), request=request, action=action
    )
