"""Writes: loading a strategy from its reference file, taking a dated progress snapshot."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from liaison.partners.models import Region
from liaison.reference.records import (
    LoadError,
    LoadTally,
    ManyRelation,
    RecordChecker,
    RecordKind,
    ReferenceWriteError,
    dataset_file_read,
    dict_citation_rows,
    kind_records,
    record_load,
    records_read,
    reference_dropped,
)
from liaison.sources.models import Source
from liaison.strategy.choices import NarrativeStatus
from liaison.strategy.models import KeyAction, PolicyDocument, Priority, ProgressSnapshot, Strategy
from liaison.strategy.progress import TargetError, target_check
from liaison.strategy.selectors import strategy_progress


class StrategyDataError(LoadError):
    """The strategy file is unusable; `problems` names each one."""


SMALL_NUMBER_MAX = 32767  # the largest number a priority or key action may have


def _date(checker: RecordChecker, record: dict[str, Any], name: str, *, required: bool) -> Any:
    value = record.get(name)
    if value is None and not required:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    checker.problem(f"{name}: expected a date written YYYY-MM-DD, got {value!r}")
    return None


def _number(checker: RecordChecker, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= SMALL_NUMBER_MAX:
        checker.problem(f"'number' must be a whole number from 1 to {SMALL_NUMBER_MAX}")


def _mappings(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else []


def _lists_of_mappings(
    checker: RecordChecker, record: dict[str, Any], names: Iterable[str]
) -> None:
    for name in names:
        if record.get(name) is not None and not _mappings(record.get(name)):
            checker.problem(f"'{name}' must be a list of mappings")


@dataclass
class _Known:
    """What a record may name (the register's sources and regions), and the key actions'
    keys read so far, each used once."""

    sources: set[str]
    regions: set[str]
    action_keys: set[str] = field(default_factory=set)


def _cites(checker: RecordChecker, record: dict[str, Any], known: _Known) -> Any:
    citations = record.get("cite")
    if not isinstance(citations, list) or not citations:
        checker.problem("'cite' must list at least one source")
        return []
    for citation in citations:
        source = citation.get("source") if isinstance(citation, dict) else None
        if not isinstance(source, str) or source not in known.sources:
            checker.problem(f"citation {citation!r} names no known source")
    return citations


def _strategy_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    for name in ("key", "title"):
        if not record.get(name) or not isinstance(record.get(name), str):
            checker.problem(f"'{name}' is required, as text")
    fields = {
        "title": record.get("title"),
        "period_start": _date(checker, record, "period_start", required=True),
        "period_end": _date(checker, record, "period_end", required=True),
    }
    cite = _cites(checker, record, known)
    _lists_of_mappings(checker, record, ("priorities", "policy_documents"))
    if not record.get("priorities"):
        checker.problem("'priorities' must list its priorities")
    return {"key": record.get("key"), "fields": fields, "cite": cite}


def _priority_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    _number(checker, record.get("number"))
    if not record.get("title"):
        checker.problem("'title' is required")
    cite = _cites(checker, record, known)
    _lists_of_mappings(checker, record, ("key_actions",))
    fields = {"title": record.get("title"), "summary": record.get("summary", "")}
    return {"key": record.get("number"), "fields": fields, "cite": cite}


def _key_action_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known
) -> dict[str, Any]:
    key = record.get("key")
    if not isinstance(key, str) or not record.get("text"):
        checker.problem("'key' and 'text' are required")
    if isinstance(key, str):
        if key in known.action_keys:
            checker.problem("the key is used twice")
        known.action_keys.add(key)
    _number(checker, record.get("number"))
    target = record.get("target", {"kind": "narrative"})
    try:
        target_check(target)
    except TargetError as error:
        checker.problem(str(error))
    status = record.get("narrative_status", "")
    if status and status not in NarrativeStatus.values:
        checker.problem(f"narrative_status must be one of {', '.join(NarrativeStatus.values)}")
    fields = {
        "number": record.get("number"),
        "text": record.get("text"),
        "target": target,
        "narrative_status": status,
        "narrative": record.get("narrative", ""),
        "narrative_on": _date(checker, record, "narrative_on", required=False),
    }
    return {"key": key, "fields": fields, "cite": _cites(checker, record, known)}


def _policy_document_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known
) -> dict[str, Any]:
    if (
        not isinstance(record.get("key"), str)
        or not record.get("title")
        or not record.get("reference")
    ):
        checker.problem("'key', 'title' and 'reference' are required")
    document_regions = record.get("regions") or []
    for region in document_regions if isinstance(document_regions, list) else [None]:
        if not isinstance(region, str) or region not in known.regions:
            checker.problem(f"region '{region}' is not loaded")
    fields = {"title": record.get("title"), "reference": record.get("reference")}
    return {
        "key": record.get("key"),
        "fields": fields,
        "cite": _cites(checker, record, known),
        "regions": list(document_regions) if isinstance(document_regions, list) else [],
    }


# The file holds one strategy; its priorities, their key actions and its policy
# documents are sections within it (`file` names the section). Optional fields are
# those the loader reads; the file may hold others, which are not loaded.
STRATEGY, PRIORITY, KEY_ACTION, POLICY_DOCUMENT = RECORD_KINDS = (
    RecordKind[_Known](
        "strategy",
        "strategy",
        "key",
        frozenset({"key", "title", "period_start", "period_end", "cite", "priorities"}),
        frozenset({"policy_documents"}),
        _strategy_read,
        Strategy,
    ),
    RecordKind[_Known](
        "priorities",
        "priority",
        "number",
        frozenset({"number", "title", "cite"}),
        frozenset({"summary", "key_actions"}),
        _priority_read,
        Priority,
    ),
    RecordKind[_Known](
        "key_actions",
        "key action",
        "key",
        frozenset({"key", "number", "text", "cite"}),
        frozenset({"target", "narrative_status", "narrative", "narrative_on"}),
        _key_action_read,
        KeyAction,
    ),
    RecordKind[_Known](
        "policy_documents",
        "policy document",
        "key",
        frozenset({"key", "title", "reference", "cite"}),
        frozenset({"regions"}),
        _policy_document_read,
        PolicyDocument,
    ),
)


def _label(kind: RecordKind[_Known], number: int, record: dict[str, Any]) -> str:
    value = record.get(kind.key)
    return {STRATEGY: kind.label, PRIORITY: f"{kind.label} {value!r}"}.get(
        kind, f"{kind.label} '{value}'"
    )


def strategy_read(data: Any, known: _Known, file: str) -> dict[str, Any]:
    """Read and check the file, kind by kind within its strategy; raise StrategyDataError
    listing every problem. Each priority's row holds its key actions' rows."""
    if not isinstance(data, dict) or not isinstance(data.get("strategy"), dict):
        raise StrategyDataError([f"{file}, the file must hold a mapping 'strategy:'"])
    problems: list[str] = []

    def read(kind: RecordKind[_Known], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return records_read(records, kind, known, file=file, problems=problems, label=_label)

    record = data["strategy"]
    [strategy] = read(STRATEGY, [record])
    strategy["priorities"] = []
    priorities = _mappings(record.get("priorities"))
    for checker, priority_record in kind_records(
        priorities, PRIORITY, file=file, problems=problems, label=_label
    ):
        priority = PRIORITY.read(checker, priority_record, known)
        priority["key_actions"] = read(KEY_ACTION, _mappings(priority_record.get("key_actions")))
        strategy["priorities"].append(priority)
    strategy["policy_documents"] = read(POLICY_DOCUMENT, _mappings(record.get("policy_documents")))
    if problems:
        raise StrategyDataError(problems)
    return strategy


def strategy_load(*, path: Path) -> LoadTally:
    """Create or update the strategy in `path`, all or nothing; what the app changed or
    recorded is reported and kept (see liaison/reference/records.py)."""
    data = dataset_file_read(path, StrategyDataError)
    sources = {source.key: source for source in Source.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    read = strategy_read(data, _Known(sources=set(sources), regions=set(regions)), path.name)
    try:
        with transaction.atomic():
            return _strategy_write(read, path.name, sources, regions)
    except ReferenceWriteError as error:
        raise StrategyDataError([error.problem]) from error


def _strategy_write(
    read: dict[str, Any], file: str, sources: dict[str, Source], regions: dict[str, Region]
) -> LoadTally:
    tally = LoadTally()

    def sync(
        kind: RecordKind[_Known], row: dict[str, Any], parent: dict[str, Any] | None = None
    ) -> Any:
        key = row["key"]
        where = f"{kind.label} {key}" if kind is PRIORITY else f"{kind.label} '{key}'"
        lookup = {**(parent if kind is PRIORITY and parent else {}), kind.key: key}
        fields = {**(parent if kind is not PRIORITY and parent else {}), **row["fields"]}
        result = record_load(
            model=kind.model,
            lookup=lookup,
            fields=fields,
            citations=dict_citation_rows(row["cite"]),
            sources=sources,
            where=f"{file}, {where}",
            issues=tally.issues,
            many={"regions": ManyRelation(row["regions"], regions)} if "regions" in row else None,
        )
        tally.add(result.outcome)
        return result.instance

    strategy = sync(STRATEGY, read)
    for priority_row in read["priorities"]:
        priority = sync(PRIORITY, priority_row, {"strategy": strategy})
        for action_row in priority_row["key_actions"]:
            sync(KEY_ACTION, action_row, {"priority": priority})
    for document_row in read["policy_documents"]:
        sync(POLICY_DOCUMENT, document_row, {"strategy": strategy})
    for kind, queryset, rows in (
        (PRIORITY, Priority.objects.filter(strategy=strategy), read["priorities"]),
        (
            KEY_ACTION,
            KeyAction.objects.filter(priority__strategy=strategy),
            [action for priority in read["priorities"] for action in priority["key_actions"]],
        ),
        (
            POLICY_DOCUMENT,
            PolicyDocument.objects.filter(strategy=strategy),
            read["policy_documents"],
        ),
    ):
        reference_dropped(
            queryset=queryset,
            key=kind.key,
            present={row["key"] for row in rows},
            label=f"{file}, {kind.label}",
            issues=tally.issues,
        )
    return tally


@transaction.atomic
def snapshot_take(*, strategy: Strategy, on: datetime.date) -> tuple[int, int]:
    """Store each key action's progress on `on`; a second run the same day replaces it.
    Returns (created, updated)."""
    created = updated = 0
    for entry in strategy_progress(strategy=strategy, on=on).key_actions():
        if not entry.progress.measurable:
            continue
        _snapshot, was_created = ProgressSnapshot.objects.update_or_create(
            key_action=entry.key_action,
            taken_on=on,
            defaults={
                "percent": entry.progress.percent,
                "figure": entry.progress.figure,
            },
        )
        created += was_created
        updated += not was_created
    return created, updated
