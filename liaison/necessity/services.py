"""Writes: loading the EU crime priorities from the reference data, and saving an analysis."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from liaison.cases.choices import CrimeArea
from liaison.necessity.models import CrimePriority, CrimePriorityCycle, SavedAnalysis
from liaison.reference.loader import ReferenceDataError, reference_sources_ensure
from liaison.reference.records import (
    LoadError,
    LoadTally,
    RecordChecker,
    RecordKind,
    ReferenceWriteError,
    cited_sources,
    dataset_file_read,
    dict_citation_rows,
    record_load,
    reference_dropped,
    section_keys,
    sections_read,
)
from liaison.sources.models import Source


class CrimePrioritiesDataError(LoadError):
    """The crime priorities file is unusable; `problems` names each one."""


@dataclass
class _Known:
    sources: set[str]
    cycles: set[str]


def _cite_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> list[Any]:
    return list(checker.citations(record, known.sources))


def _cycle_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    starts, ends = checker.date(record, "starts_on"), checker.date(record, "ends_on")
    if starts is not None and ends is not None and ends < starts:
        checker.problem("'ends_on' comes before 'starts_on'")
    _cite_read(checker, record, known)
    return {
        "key": record.get("key"),
        "fields": {
            "title": checker.text(record, "title", required=True),
            "starts_on": starts,
            "ends_on": ends,
            "basis": checker.text(record, "basis"),
        },
        "cite": record.get("cite"),
    }


def _priority_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    cycle = record.get("cycle")
    if cycle not in known.cycles:
        checker.problem(f"cycle '{cycle}' is not defined in 'cycles'")
    number = record.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        checker.problem(f"'number' must be a whole number from 1, not {number!r}")
    areas = record.get("crime_areas")
    if not isinstance(areas, list):
        checker.problem("'crime_areas' must be a list (empty when no crime area records it)")
        areas = []
    for area in areas:
        if area not in CrimeArea.values:
            checker.problem(
                f"crime area '{area}' is not one of casework's: {', '.join(CrimeArea.values)}"
            )
    _cite_read(checker, record, known)
    return {
        "key": record.get("key"),
        "fields": {
            "cycle": cycle,
            "number": number,
            "title": checker.text(record, "title", required=True),
            "crime_areas": list(areas),
        },
        "cite": record.get("cite"),
    }


# The sections of the file, in the order they are read and written: a priority names a cycle.
RECORD_KINDS: tuple[RecordKind[_Known], ...] = (
    RecordKind(
        "cycles",
        "cycle",
        "key",
        frozenset({"key", "title", "starts_on", "ends_on", "cite"}),
        frozenset({"basis"}),
        _cycle_read,
        CrimePriorityCycle,
    ),
    RecordKind(
        "priorities",
        "priority",
        "key",
        frozenset({"key", "cycle", "number", "title", "crime_areas", "cite"}),
        frozenset(),
        _priority_read,
        CrimePriority,
    ),
)


def _record_check(kind: RecordKind[_Known], checker: RecordChecker, record: dict[str, Any]) -> bool:
    if not checker.keys(record, set(kind.required), set(kind.optional)):
        return False
    if not isinstance(record.get(kind.key), str) or not record[kind.key].strip():
        checker.problem(f"'{kind.key}' must be text")
    return True


def crime_priorities_read(data: Any, known: _Known, file: str) -> dict[str, list[dict[str, Any]]]:
    """Read and check the file, kind by kind; raise CrimePrioritiesDataError naming every
    problem by file and record."""
    if not isinstance(data, dict):
        raise CrimePrioritiesDataError([f"{file}: the file must hold 'cycles:' and 'priorities:'"])
    return sections_read(
        data, RECORD_KINDS, known, file=file, check=_record_check, error=CrimePrioritiesDataError
    )


def crime_priorities_load(*, path: Path) -> LoadTally:
    """Create or update the cycles and priorities in `path`, all or nothing; what the app
    changed or recorded is reported and kept (see liaison/reference/records.py)."""
    data = dataset_file_read(path, CrimePrioritiesDataError)
    tally = LoadTally()
    try:
        with transaction.atomic():  # all or nothing, the sources it brings included
            # A register loaded before this file existed lacks the sources it cites (an
            # upgrade): they come from sources.yaml.
            try:
                reference_sources_ensure(
                    directory=Path(settings.REFERENCE_DATA_DIR),
                    keys=cited_sources(data, (kind.file for kind in RECORD_KINDS)),
                )
            except ReferenceDataError as error:
                raise CrimePrioritiesDataError(error.problems) from error
            sources = {source.key: source for source in Source.objects.all()}
            known = _Known(sources=set(sources), cycles=section_keys(data, "cycles"))
            read = crime_priorities_read(data, known, path.name)
            cycles: dict[str, CrimePriorityCycle] = {}
            for kind in RECORD_KINDS:
                for row in read[kind.file]:
                    fields = dict(row["fields"])
                    if "cycle" in fields:
                        fields["cycle"] = cycles[fields["cycle"]]
                    result = record_load(
                        model=kind.model,
                        lookup={kind.key: row["key"]},
                        fields=fields,
                        citations=dict_citation_rows(row["cite"]),
                        sources=sources,
                        where=f"{path.name}, {kind.label} '{row['key']}'",
                        issues=tally.issues,
                    )
                    tally.add(result.outcome)
                    if kind.model is CrimePriorityCycle:
                        cycles[row["key"]] = result.instance
            for kind in RECORD_KINDS:
                reference_dropped(
                    queryset=kind.model.objects.all(),
                    key=kind.key,
                    present={row["key"] for row in read[kind.file]},
                    label=f"{path.name}, {kind.label}",
                    issues=tally.issues,
                )
    except ReferenceWriteError as error:
        raise CrimePrioritiesDataError([error.problem]) from error
    return tally


@transaction.atomic
def saved_analysis_create(
    *,
    user: Any,
    as_of: datetime.date,
    parameters: dict[str, Any],
    result: dict[str, Any],
    title: str = "",
) -> SavedAnalysis:
    """Keep a ranking as computed, with its parameters: it never changes afterwards."""
    analysis = SavedAnalysis(
        author=user,
        author_username=user.get_username() if user is not None else "",
        title=title.strip()[:200],
        as_of=as_of,
        parameters=parameters,
        result=result,
    )
    analysis.full_clean()
    analysis.save()
    return analysis
