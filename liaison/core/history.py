"""Change history, done once here for every model (django-auditlog underneath).

Every create, update and delete of a Liaison model, of a user account or a role is
written to auditlog's `LogEntry`: who (the actor), when, through which request (the
request id as correlation id), the fields before and after, and the object's whole
data after the change. Views never write history by hand. Entries cannot be changed
or deleted.

The actor and the request id come from the change context that `HistoryMiddleware`
opens for each request (after authentication, so that an API token's user is known at
the time of the write) and that commands open with `history_context`.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import pre_delete, pre_save

# Fields that change on every save and say nothing a reader needs.
UNTRACKED_FIELDS = ("created", "last_updated")
# Models with their own append-only log: their history would only repeat it, and would copy
# a transfer assessment's case texts where people who may not read them can.
UNTRACKED_MODELS = {"core.accesslogentry", "transfers.transferassessment"}
# Many-to-many relations whose changes are part of their owner's history.
M2M_FIELDS = {"partners.partner": {"regions", "members"}, "auth.user": {"groups"}}
# Fields never copied into the history (secrets, or noise written on every request).
EXCLUDED_FIELDS = {
    "auth.user": ["password", "last_login"],
    "core.apitoken": ["key_digest", "last_used"],
    "core.calendarfeedkey": ["key_digest"],
}
# Accounts and roles are audited as well as the register.
EXTRA_MODELS = ("auth.user", "auth.group")


@dataclass(frozen=True)
class ChangeContext:
    actor: Any
    correlation_id: str


_context: ContextVar[ChangeContext | None] = ContextVar("liaison_change_context", default=None)


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
        raise PermissionDenied("A history entry cannot be changed.")
    if instance.actor_id is None:
        actor = _current_actor()
        if actor is not None:
            instance.actor = actor
            instance.actor_email = getattr(actor, "email", None) or None


def _refuse_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    raise PermissionDenied("A history entry cannot be deleted.")


def history_of(obj: Model, *, children: dict[str, str] | None = None) -> QuerySet[Any]:
    """The history of `obj`, newest first, with that of its children if named.

    `children` maps a child model's label to the name of its foreign key to `obj`, e.g.
    {"instruments.instrumentevent": "instrument"}; a deleted child's entries are found
    by the data they recorded."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    own = Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    for label, field in (children or {}).items():
        child = apps.get_model(label)
        own |= Q(
            content_type=ContentType.objects.get_for_model(child),
            **{f"serialized_data__fields__{field}": obj.pk},
        )
    return (
        LogEntry.objects.filter(own)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


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
    return text


def change_rows(entry: Any) -> list[ChangeRow]:
    """An entry's changes as (field, before, after), in words a reader knows, no queries."""
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
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
