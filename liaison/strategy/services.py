"""Writes: loading a strategy from its reference file, taking a dated progress snapshot."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from liaison.partners.models import Region
from liaison.sources.choices import Confidence
from liaison.sources.models import Citation, Source
from liaison.sources.services import CitationInput, citations_add
from liaison.strategy.choices import NarrativeStatus
from liaison.strategy.models import KeyAction, PolicyDocument, Priority, ProgressSnapshot, Strategy
from liaison.strategy.progress import TargetError, target_check
from liaison.strategy.selectors import strategy_progress


class StrategyDataError(Exception):
    """The strategy file is unusable; `problems` names each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _date(value: Any, label: str, problems: list[str], *, required: bool = True) -> Any:
    if value is None and not required:
        return None
    if isinstance(value, datetime.date):
        return value
    problems.append(f"{label}: expected a date written YYYY-MM-DD, got {value!r}")
    return None


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
            if not isinstance(citation, dict) or citation.get("source") not in sources:
                problems.append(f"{label}: citation {citation!r} names no known source")

    for name in ("key", "title"):
        if not strategy.get(name):
            problems.append(f"strategy: '{name}' is required")
    _date(strategy.get("period_start"), "strategy period_start", problems)
    _date(strategy.get("period_end"), "strategy period_end", problems)
    cites(strategy, "strategy")
    keys: set[str] = set()
    for priority in strategy.get("priorities") or []:
        plabel = f"priority {priority.get('number')!r}"
        if not isinstance(priority.get("number"), int) or not priority.get("title"):
            problems.append(f"{plabel}: 'number' (a whole number) and 'title' are required")
        cites(priority, plabel)
        for action in priority.get("key_actions") or []:
            label = f"key action '{action.get('key')}'"
            if not action.get("key") or not action.get("text"):
                problems.append(f"{label}: 'key' and 'text' are required")
            if action.get("key") in keys:
                problems.append(f"{label}: the key is used twice")
            keys.add(action.get("key"))
            if not isinstance(action.get("number"), int):
                problems.append(f"{label}: 'number' must be a whole number")
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
    for document in strategy.get("policy_documents") or []:
        label = f"policy document '{document.get('key')}'"
        if not document.get("key") or not document.get("title") or not document.get("reference"):
            problems.append(f"{label}: 'key', 'title' and 'reference' are required")
        for region in document.get("regions") or []:
            if region not in regions:
                problems.append(f"{label}: region '{region}' is not loaded")
        cites(document, label)
    if not strategy.get("priorities"):
        problems.append("strategy: 'priorities' must list its priorities")
    return problems


def record_upsert(
    model: type[Any], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, str]:
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        outcome = "created"
    elif all(getattr(instance, name) == value for name, value in values.items()):
        return instance, "unchanged"
    else:
        for name, value in values.items():
            setattr(instance, name, value)
        outcome = "updated"
    instance.full_clean(validate_unique=False)
    instance.save()
    return instance, outcome


def citations_sync(
    obj: models.Model, wanted: list[dict[str, Any]], sources: dict[str, Source]
) -> bool:
    content_type = ContentType.objects.get_for_model(obj)
    existing = list(
        Citation.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
            "source"
        )
    )
    rows = [
        (c["source"], str(c.get("at", "")), c.get("confidence", Confidence.CHECKED)) for c in wanted
    ]
    if sorted((c.source.key, c.location, c.confidence) for c in existing) == sorted(rows):
        return False
    Citation.objects.filter(pk__in=[c.pk for c in existing]).delete()
    citations_add(
        cited=obj,
        citations=[
            CitationInput(sources[key], location=at, confidence=conf) for key, at, conf in rows
        ],
    )
    return True


def strategy_load(*, path: Path) -> Counter[str]:
    """Create or update the strategy in `path`, all or nothing; counts what changed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise StrategyDataError([f"{path.name}: {error}"]) from error
    sources = {source.key: source for source in Source.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    problems = _check(data, set(sources), set(regions))
    if problems:
        raise StrategyDataError([f"{path.name}, {problem}" for problem in problems])
    counts: Counter[str] = Counter()
    record = data["strategy"]
    with transaction.atomic():
        strategy, outcome = record_upsert(
            Strategy,
            {"key": record["key"]},
            {
                "title": record["title"],
                "period_start": record["period_start"],
                "period_end": record["period_end"],
            },
        )
        counts[outcome] += 1
        counts["updated"] += citations_sync(strategy, record["cite"], sources)
        for prow in record["priorities"]:
            priority, outcome = record_upsert(
                Priority,
                {"strategy": strategy, "number": prow["number"]},
                {"title": prow["title"], "summary": prow.get("summary", "")},
            )
            counts[outcome] += 1
            counts["updated"] += citations_sync(priority, prow["cite"], sources)
            for arow in prow.get("key_actions") or []:
                action, outcome = record_upsert(
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
                )
                counts[outcome] += 1
                counts["updated"] += citations_sync(action, arow["cite"], sources)
        for drow in record.get("policy_documents") or []:
            document, outcome = record_upsert(
                PolicyDocument,
                {"key": drow["key"]},
                {"strategy": strategy, "title": drow["title"], "reference": drow["reference"]},
            )
            counts[outcome] += 1
            wanted = {regions[code].pk for code in drow.get("regions") or []}
            if set(document.regions.values_list("pk", flat=True)) != wanted:
                document.regions.set(list(wanted))
                counts["updated"] += 1
            counts["updated"] += citations_sync(document, drow["cite"], sources)
    return counts


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
