"""Writes: loading a strategy from its reference file, taking a dated progress snapshot."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.db import models, transaction

from liaison.partners.models import Region
from liaison.reference.records import (
    LoadError,
    LoadTally,
    ManyRelation,
    ReferenceWriteError,
    dataset_file_read,
    dict_citation_rows,
    record_load,
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


def _date(value: Any, label: str, problems: list[str], *, required: bool = True) -> Any:
    if value is None and not required:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    problems.append(f"{label}: expected a date written YYYY-MM-DD, got {value!r}")
    return None


def _number(value: Any, label: str, problems: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= SMALL_NUMBER_MAX:
        problems.append(f"{label}: 'number' must be a whole number from 1 to {SMALL_NUMBER_MAX}")


def _mappings(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else []


def _check(data: Any, sources: set[str], regions: set[str]) -> list[str]:
    """Every problem in the file, named by record; empty when it can be loaded."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("strategy"), dict):
        return ["the file must hold a mapping 'strategy:'"]
    strategy = data["strategy"]

    def cites(record: dict[str, Any], label: str) -> None:
        citations = record.get("cite")
        if not isinstance(citations, list) or not citations:
            problems.append(f"{label}: 'cite' must list at least one source")
            return
        for citation in citations:
            source = citation.get("source") if isinstance(citation, dict) else None
            if not isinstance(source, str) or source not in sources:
                problems.append(f"{label}: citation {citation!r} names no known source")

    for name in ("key", "title"):
        if not strategy.get(name) or not isinstance(strategy.get(name), str):
            problems.append(f"strategy: '{name}' is required, as text")
    _date(strategy.get("period_start"), "strategy period_start", problems)
    _date(strategy.get("period_end"), "strategy period_end", problems)
    cites(strategy, "strategy")
    for name in ("priorities", "policy_documents"):
        if strategy.get(name) is not None and not _mappings(strategy.get(name)):
            problems.append(f"strategy: '{name}' must be a list of mappings")
    keys: set[Any] = set()
    for priority in _mappings(strategy.get("priorities")):
        plabel = f"priority {priority.get('number')!r}"
        _number(priority.get("number"), plabel, problems)
        if not priority.get("title"):
            problems.append(f"{plabel}: 'title' is required")
        cites(priority, plabel)
        if priority.get("key_actions") is not None and not _mappings(priority.get("key_actions")):
            problems.append(f"{plabel}: 'key_actions' must be a list of mappings")
        for action in _mappings(priority.get("key_actions")):
            label = f"key action '{action.get('key')}'"
            if not isinstance(action.get("key"), str) or not action.get("text"):
                problems.append(f"{label}: 'key' and 'text' are required")
            if isinstance(action.get("key"), str):
                if action["key"] in keys:
                    problems.append(f"{label}: the key is used twice")
                keys.add(action["key"])
            _number(action.get("number"), label, problems)
            try:
                target_check(action.get("target", {"kind": "narrative"}))
            except TargetError as error:
                problems.append(f"{label}: {error}")
            status = action.get("narrative_status", "")
            if status and status not in NarrativeStatus.values:
                problems.append(
                    f"{label}: narrative_status must be one of {', '.join(NarrativeStatus.values)}"
                )
            _date(action.get("narrative_on"), f"{label} narrative_on", problems, required=False)
            cites(action, label)
    for document in _mappings(strategy.get("policy_documents")):
        label = f"policy document '{document.get('key')}'"
        if (
            not isinstance(document.get("key"), str)
            or not document.get("title")
            or not document.get("reference")
        ):
            problems.append(f"{label}: 'key', 'title' and 'reference' are required")
        document_regions = document.get("regions") or []
        for region in document_regions if isinstance(document_regions, list) else [None]:
            if not isinstance(region, str) or region not in regions:
                problems.append(f"{label}: region '{region}' is not loaded")
        cites(document, label)
    if not strategy.get("priorities"):
        problems.append("strategy: 'priorities' must list its priorities")
    return problems


def strategy_load(*, path: Path) -> LoadTally:
    """Create or update the strategy in `path`, all or nothing; what the app changed or
    recorded is reported and kept (see liaison/reference/records.py)."""
    data = dataset_file_read(path, StrategyDataError)
    sources = {source.key: source for source in Source.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    problems = _check(data, set(sources), set(regions))
    if problems:
        raise StrategyDataError([f"{path.name}, {problem}" for problem in problems])
    try:
        with transaction.atomic():
            return _strategy_write(data["strategy"], path.name, sources, regions)
    except ReferenceWriteError as error:
        raise StrategyDataError([error.problem]) from error


def _strategy_write(
    record: dict[str, Any], file: str, sources: dict[str, Source], regions: dict[str, Region]
) -> LoadTally:
    tally = LoadTally()

    def sync(
        model: type[models.Model],
        lookup: dict[str, Any],
        fields: dict[str, Any],
        row: dict[str, Any],
        where: str,
        region_codes: list[str] | None = None,
    ) -> Any:
        result = record_load(
            model=model,
            lookup=lookup,
            fields=fields,
            citations=dict_citation_rows(row["cite"]),
            sources=sources,
            where=f"{file}, {where}",
            issues=tally.issues,
            many={"regions": ManyRelation(region_codes, regions)}
            if region_codes is not None
            else None,
        )
        tally.add(result.outcome)
        return result.instance

    strategy = sync(
        Strategy,
        {"key": record["key"]},
        {
            "title": record["title"],
            "period_start": record["period_start"],
            "period_end": record["period_end"],
        },
        record,
        f"strategy '{record['key']}'",
    )
    action_keys = []
    for prow in record["priorities"]:
        priority = sync(
            Priority,
            {"strategy": strategy, "number": prow["number"]},
            {"title": prow["title"], "summary": prow.get("summary", "")},
            prow,
            f"priority {prow['number']}",
        )
        for arow in prow.get("key_actions") or []:
            action_keys.append(arow["key"])
            sync(
                KeyAction,
                {"key": arow["key"]},
                {
                    "priority": priority,
                    "number": arow["number"],
                    "text": arow["text"],
                    "target": arow.get("target", {"kind": "narrative"}),
                    "narrative_status": arow.get("narrative_status", ""),
                    "narrative": arow.get("narrative", ""),
                    "narrative_on": arow.get("narrative_on"),
                },
                arow,
                f"key action '{arow['key']}'",
            )
    document_keys = []
    for drow in record.get("policy_documents") or []:
        document_keys.append(drow["key"])
        sync(
            PolicyDocument,
            {"key": drow["key"]},
            {"strategy": strategy, "title": drow["title"], "reference": drow["reference"]},
            drow,
            f"policy document '{drow['key']}'",
            region_codes=list(drow.get("regions") or []),
        )
    reference_dropped(
        queryset=Priority.objects.filter(strategy=strategy),
        key="number",
        present={prow["number"] for prow in record["priorities"]},
        label=f"{file}, priority",
        issues=tally.issues,
    )
    reference_dropped(
        queryset=KeyAction.objects.filter(priority__strategy=strategy),
        key="key",
        present=set(action_keys),
        label=f"{file}, key action",
        issues=tally.issues,
    )
    reference_dropped(
        queryset=PolicyDocument.objects.filter(strategy=strategy),
        key="key",
        present=set(document_keys),
        label=f"{file}, policy document",
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
