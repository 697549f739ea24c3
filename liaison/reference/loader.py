"""Load the reference dataset (data/reference/*.yaml) into the register.

Loading happens in two steps. First every file is read and checked without touching
the database: shapes, codes, dates and cross-references; every problem is reported
with its file and record. Then, in one transaction, each record is created, updated
or left alone. Loading twice changes nothing the second time.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liaison.contacts.choices import OfficerKind
from liaison.contacts.models import LiaisonOfficer
from liaison.contacts.services import liaison_officer_problem
from liaison.core.choices import DatePrecision, Origin
from liaison.core.dates import last_day_of_precision, truncate_to_precision
from liaison.instruments.choices import (
    AdequacyAct,
    AdequacyScope,
    EventKind,
    InstrumentType,
    ProposalStatus,
)
from liaison.instruments.lifecycle import Step, history_problem
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.choices import PartnerKind
from liaison.partners.countries import NON_ISO_COUNTRY_CODES, iso_country, iso_country_name
from liaison.partners.models import Partner, Region, network_member_problems
from liaison.reference.records import (
    CitationData,
    LoadError,
    LoadIssues,
    ManyRelation,
    Reconciliation,
    RecordCheck,
    RecordChecker,
    RecordKind,
    ReferenceWriteError,
    citation_rows,
    citations_replace,
    kind_records,
    many_relations_write,
    plain,
    record_label,
    record_load,
    reference_dropped,
    reference_record_sync,
    validation_text,
    wanted_citation_rows,
)
from liaison.reference.yaml_files import yaml_text_load
from liaison.sources.choices import DocumentType
from liaison.sources.models import Source

MAX_REPORTED_PROBLEMS = 50
REPORTED_KINDS = ("source", "region", "partner", "instrument", "liaison officer")


class ReferenceDataError(LoadError):
    """The dataset is wrong; `problems` lists each one with its file and record."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        text = "\n".join(f"- {problem}" for problem in shown)
        if more:
            text += f"\n- ... and {more} more"
        Exception.__init__(
            self, f"The reference data has {len(problems)} problem(s); nothing was loaded:\n{text}"
        )


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    conflict: Counter[str] = field(default_factory=Counter)
    issues: LoadIssues = field(default_factory=LoadIssues)

    def count(self, kind: str, outcome: str) -> None:
        getattr(self, outcome)[kind] += 1

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def summary(self) -> str:
        kinds = [kind for kind in REPORTED_KINDS if self._seen(kind)]
        if not self.changed:
            total = sum(self.unchanged.values()) + sum(self.conflict.values())
            lines = [
                f"The register already holds the reference data: nothing created or changed "
                f"({total} records checked)."
            ]
        else:
            lines = ["Reference data loaded:"]
            for kind in kinds:
                kept = f", {self.conflict[kind]} not written" if self.conflict[kind] else ""
                lines.append(
                    f"  {kind}s: {self.created[kind]} created, {self.updated[kind]} updated, "
                    f"{self.unchanged[kind]} unchanged{kept}"
                )
        return "\n".join([*lines, *self.issues.lines()])

    def _seen(self, kind: str) -> bool:
        return bool(
            self.created[kind] or self.updated[kind] or self.unchanged[kind] or self.conflict[kind]
        )


# --- Step 1: read and check, without the database --------------------------------------


@dataclass(frozen=True)
class EventData:
    kind: str
    date: datetime.date | None
    date_precision: str
    note: str
    citations: tuple[CitationData, ...]
    date_is_stand_in: bool = False


@dataclass
class Dataset:
    sources: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    partners: list[dict[str, Any]] = field(default_factory=list)
    instruments: list[dict[str, Any]] = field(default_factory=list)
    liaison_officers: list[dict[str, Any]] = field(default_factory=list)


def _read_file(directory: Path, name: str, problems: list[str]) -> list[Any]:
    path = directory / f"{name}.yaml"
    file = path.name
    if not path.is_file():
        problems.append(f"{file}: the file is missing from {directory}")
        return []
    try:
        content = yaml_text_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        problems.append(f"{file}: not valid YAML{where}: {reason}")
        return []
    except UnicodeDecodeError:
        problems.append(f"{file}: not UTF-8 text")
        return []
    if not isinstance(content, dict) or not isinstance(content.get(name), list):
        problems.append(f"{file}: expected a top-level '{name}:' list")
        return []
    return content[name]


@dataclass
class _Known:
    """What the files read so far define, for the next files' cross-references."""

    sources: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    partner_kinds: dict[str, str] = field(default_factory=dict)


def _source_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    return {
        "key": record["key"].strip(),
        "title": checker.text(record, "title", required=True),
        "issuer": checker.text(record, "issuer"),
        "document_type": checker.choice(record, "document_type", DocumentType.values),
        "date": checker.date(record, "date"),
        "date_precision": checker.choice(
            record, "date_precision", DatePrecision.values, DatePrecision.DAY
        ),
        "url": checker.text(record, "url"),
        "seed_file": checker.text(record, "seed_file"),
    }


def _region_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    return {
        "code": record["code"].strip(),
        "name": checker.text(record, "name", required=True),
        "description": checker.text(record, "description"),
        "citations": checker.citations(record, known.sources),
    }


def _partner_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    code = record["code"].strip()
    kind = checker.choice(record, "kind", PartnerKind.values)
    name = checker.text(record, "name")
    if kind in (PartnerKind.COUNTRY, PartnerKind.MEMBER_STATE):
        if iso_country(code) is None and code not in NON_ISO_COUNTRY_CODES:
            checker.problem(f"'{code}' is not an ISO 3166-1 alpha-2 country code")
        name = name or (iso_country_name(code) or "")
    if not name:
        checker.problem("'name' is required where ISO 3166 gives none")
    regions = checker.string_list(record, "regions")
    for region in regions:
        if region not in known.regions:
            checker.problem(f"region '{region}' is not defined in regions.yaml")
    members = checker.string_list(record, "members")
    for member in members:
        if member not in known.partner_kinds:
            checker.problem(f"member '{member}' is not defined in partners.yaml")
    for problem in network_member_problems(
        kind=kind,
        code=code,
        members=[
            (member, known.partner_kinds[member])
            for member in members
            if member in known.partner_kinds
        ],
    ):
        checker.problem(problem)
    return {
        "code": code,
        "kind": kind,
        "name": name,
        "aliases": checker.string_list(record, "aliases"),
        "regions": regions,
        "members": members,
        "competent_in_criminal_matters": checker.boolean(
            record, "competent_in_criminal_matters", False
        ),
        "name_takes_article": checker.boolean(record, "name_takes_article", False),
        "designation_note": checker.text(record, "designation_note"),
        "description": checker.text(record, "description"),
        "citations": checker.citations(record, known.sources),
    }


def _partner_named(checker: RecordChecker, record: dict[str, Any], known: _Known) -> str:
    partner = checker.text(record, "partner", required=True)
    if partner and partner not in known.partner_kinds:
        checker.problem(f"partner '{partner}' is not defined in partners.yaml")
    return partner


def _instrument_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known
) -> dict[str, Any]:
    partner = _partner_named(checker, record, known)
    eu_party = record.get("eu_party")
    if eu_party is not None:
        eu_party = checker.text(record, "eu_party")
        if known.partner_kinds.get(eu_party) != PartnerKind.EU_BODY:
            checker.problem(f"eu_party '{eu_party}' is not an eu_body partner in partners.yaml")
    instrument_type = checker.choice(record, "type", InstrumentType.values)
    strategic = checker.boolean(record, "strategic", False)
    if strategic and instrument_type != InstrumentType.WORKING_ARRANGEMENT:
        checker.problem("only a working arrangement can be strategic")
    adequacy = {
        name: checker.choice(record, name, [*choices.values, ""], default="")
        for name, choices in (("adequacy_act", AdequacyAct), ("adequacy_scope", AdequacyScope))
    }
    if instrument_type == InstrumentType.ADEQUACY_DECISION and not all(adequacy.values()):
        checker.problem("an adequacy decision needs its 'adequacy_act' and 'adequacy_scope'")
    authorisation = _read_edps_authorisation(checker, record.get("edps_authorisation"))
    events = _read_events(checker, record.get("events"), known.sources)
    if instrument_type in InstrumentType.values and all(
        event.kind in EventKind.values for event in events
    ):
        # The same lifecycle rules as every other door (transitions.yaml).
        lifecycle_problem = history_problem(
            instrument_type,
            [Step(event.kind, event.date, number) for number, event in enumerate(events)],
        )
        if lifecycle_problem:
            checker.problem(lifecycle_problem)
    return {
        "key": record["key"].strip(),
        "partner": partner,
        "type": instrument_type,
        "strategic": strategic,
        "eu_party": eu_party,
        "title": checker.text(record, "title", required=True),
        "notes": checker.text(record, "notes"),
        **adequacy,
        **authorisation,
        "citations": checker.citations(record, known.sources),
        "events": events,
    }


def _read_edps_authorisation(checker: RecordChecker, value: Any) -> dict[str, Any]:
    """`edps_authorisation: {reference: ..., date: YYYY-MM-DD}`, both required when given."""
    if value is None:
        return {"edps_authorisation_reference": "", "edps_authorised_on": None}
    if not isinstance(value, dict):
        checker.problem("'edps_authorisation' must be a mapping of 'reference' and 'date'")
        return {"edps_authorisation_reference": "", "edps_authorised_on": None}
    checker.keys(value, {"reference", "date"}, set())
    authorised_on = checker.date(value, "date")
    if authorised_on is None:
        checker.problem("'edps_authorisation' needs the 'date' of the authorisation")
    return {
        "edps_authorisation_reference": checker.text(value, "reference", required=True),
        "edps_authorised_on": authorised_on,
    }


def _liaison_officer_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known
) -> dict[str, Any]:
    partner = _partner_named(checker, record, known)
    since = checker.date(record, "since")
    precision = checker.choice(record, "since_precision", DatePrecision.values, DatePrecision.DAY)
    if since is not None and since != truncate_to_precision(since, precision):
        checker.problem(f"a date known to the {precision} must be its first day, not {since}")
    return {
        "key": record["key"].strip(),
        "partner": partner,
        "kind": checker.choice(record, "kind", OfficerKind.values),
        "started_on": since,
        "started_on_precision": precision,
        "citations": checker.citations(record, known.sources),
    }


def _unique(checker: RecordChecker, seen: set[str], value: str, name: str) -> None:
    if value in seen:
        checker.problem(f"{name} '{value}' is defined twice")
    seen.add(value)


# In the order they are read and written: each names only records of the kinds before it.
RECORD_KINDS: tuple[RecordKind[_Known], ...] = (
    RecordKind(
        "sources",
        "source",
        "key",
        frozenset({"key", "title", "document_type"}),
        frozenset({"issuer", "date", "date_precision", "url", "seed_file"}),
        _source_read,
        Source,
    ),
    RecordKind(
        "regions",
        "region",
        "code",
        frozenset({"code", "name", "cite"}),
        frozenset({"description"}),
        _region_read,
        Region,
    ),
    RecordKind(
        "partners",
        "partner",
        "code",
        frozenset({"code", "kind", "cite"}),
        frozenset(
            {
                "name",
                "aliases",
                "regions",
                "competent_in_criminal_matters",
                "name_takes_article",
                "members",
                "designation_note",
                "description",
            }
        ),
        _partner_read,
        Partner,
    ),
    RecordKind(
        "instruments",
        "instrument",
        "key",
        frozenset({"key", "partner", "type", "title", "cite", "events"}),
        frozenset(
            {
                "strategic",
                "eu_party",
                "notes",
                "adequacy_act",
                "adequacy_scope",
                "edps_authorisation",
            }
        ),
        _instrument_read,
        Instrument,
    ),
    RecordKind(
        "liaison_officers",
        "liaison officer",
        "key",
        frozenset({"key", "partner", "kind", "cite"}),
        frozenset({"since", "since_precision"}),
        _liaison_officer_read,
        LiaisonOfficer,
    ),
)
FILES = tuple(kind.file for kind in RECORD_KINDS)


def _known_add(known: _Known, kind: RecordKind[_Known], records: list[dict[str, Any]]) -> None:
    """Make a file's keys known before its records are read: a network names its members
    among the partners of the same file."""
    keys = {record[kind.key].strip() for record in records}
    if kind.file == "sources":
        known.sources |= keys
    elif kind.file == "regions":
        known.regions |= keys
    elif kind.file == "partners":
        for record in records:
            value = record.get("kind")
            known.partner_kinds[record["code"].strip()] = (
                value if value in PartnerKind.values else ""
            )


def _record_check(*, seen: set[str]) -> RecordCheck:
    """A record is read once its fields are known and its key is text, and the key is
    reported when a record of its kind (`seen`, so far) already defined it."""

    def check(kind: RecordKind[_Known], checker: RecordChecker, record: dict[str, Any]) -> bool:
        if not checker.keys(record, set(kind.required), set(kind.optional)):
            return False
        key = checker.text(record, kind.key, required=True)
        _unique(checker, seen, key, kind.key)
        return isinstance(record.get(kind.key), str)

    return check


def reference_read(*, directory: Path) -> Dataset:
    """Read and check the dataset, kind by kind; raise ReferenceDataError listing every
    problem."""
    problems: list[str] = []
    raw = {kind.file: _read_file(directory, kind.file, problems) for kind in RECORD_KINDS}
    dataset = Dataset()
    known = _Known()
    for kind in RECORD_KINDS:
        checked = list(
            kind_records(
                raw[kind.file],
                kind,
                file=f"{kind.file}.yaml",
                problems=problems,
                label=record_label,
                check=_record_check(seen=set()),
            )
        )
        _known_add(known, kind, [record for _, record in checked])
        rows = getattr(dataset, kind.file)
        for checker, record in checked:
            rows.append(kind.read(checker, record, known))

    if problems:
        raise ReferenceDataError(problems)
    return dataset


def _read_events(
    checker: RecordChecker, value: Any, source_keys: set[str]
) -> tuple[EventData, ...]:
    if not isinstance(value, list) or not value:
        checker.problem("'events' must list at least one dated event")
        return ()
    events = []
    for number, item in enumerate(value, start=1):
        event_checker = RecordChecker(checker.problems, checker.where, f"event {number}")
        if not isinstance(item, dict):
            event_checker.problem("must be a mapping")
            continue
        if not event_checker.keys(
            item, {"kind", "cite"}, {"date", "date_precision", "date_stand_in", "note"}
        ):
            continue
        date = event_checker.date(item, "date")
        precision = event_checker.choice(
            item, "date_precision", DatePrecision.values, DatePrecision.DAY
        )
        if date is not None and date != truncate_to_precision(date, precision):
            event_checker.problem(
                f"a date known to the {precision} must be its first day, not {date}"
            )
        events.append(
            EventData(
                kind=event_checker.choice(item, "kind", EventKind.values),
                date=date,
                date_precision=precision,
                note=event_checker.text(item, "note"),
                citations=event_checker.citations(item, source_keys),
                date_is_stand_in=event_checker.boolean(item, "date_stand_in", False),
            )
        )
    return tuple(events)


# --- Step 2: write, in one transaction ---------------------------------------------------


@contextmanager
def _naming(label: str) -> Iterator[None]:
    """Report a model rule broken while writing a record as a problem of that record."""
    try:
        yield
    except ValidationError as error:
        raise ReferenceDataError([f"{label}: {validation_text(error)}"]) from error


def _rows(citations: Iterable[CitationData]) -> list[list[str]]:
    return wanted_citation_rows((c.source, c.location, c.confidence) for c in citations)


def _event_plain(data: EventData) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "date": plain(data.date),
        "date_precision": data.date_precision,
        "date_is_stand_in": data.date_is_stand_in,
        "note": data.note,
        "citations": _rows(data.citations),
    }


def _loaded_events(instrument: Instrument) -> list[InstrumentEvent]:
    """The events the loader wrote, in the dataset's order; the app's are not among them."""
    return list(instrument.events.filter(origin=Origin.REFERENCE).order_by("pk"))


def _current_instrument_events(instrument: Instrument) -> dict[str, Any]:
    return {
        "events": [
            {
                "kind": event.kind,
                "date": plain(event.date),
                "date_precision": event.date_precision,
                "date_is_stand_in": event.date_is_stand_in,
                "note": event.note,
                "citations": citation_rows(event),
            }
            for event in _loaded_events(instrument)
        ]
    }


def _events_write(
    instrument: Instrument, wanted: tuple[EventData, ...], sources: dict[str, Source], where: str
) -> None:
    """Make the loaded events those of the dataset, in place where they are already there;
    events recorded in the app are left alone."""
    existing = _loaded_events(instrument)
    for index, data in enumerate(wanted):
        event = existing[index] if index < len(existing) else None
        values = {
            "kind": data.kind,
            "date": data.date,
            "date_precision": data.date_precision,
            "date_is_stand_in": data.date_is_stand_in,
            "note": data.note,
        }
        if event is None:
            event = InstrumentEvent(instrument=instrument, origin=Origin.REFERENCE, **values)
        elif all(getattr(event, name) == value for name, value in values.items()):
            if citation_rows(event) != _rows(data.citations):
                with _naming(where):
                    citations_replace(event, _citation_tuples(data.citations), sources)
            continue
        for name, value in values.items():
            setattr(event, name, value)
        with _naming(f"{where}, event {index + 1}"):
            event.full_clean()
            event.save()
            if citation_rows(event) != _rows(data.citations):
                citations_replace(event, _citation_tuples(data.citations), sources)
    # Deleting an event deletes its citations too (a generic relation cascades).
    for event in existing[len(wanted) :]:
        event.delete()


def _citation_tuples(citations: Iterable[CitationData]) -> list[tuple[str, str, str]]:
    return [(c.source, c.location, c.confidence) for c in citations]


def _events_fit(instrument_type: str, wanted: tuple[EventData, ...]) -> Any:
    """Refuse new loaded events that would not fit the events recorded in the app."""

    def refuse(instrument: Instrument, differing: set[str]) -> str | None:
        if "events" not in differing:
            return None
        # A pending proposal was made against the events as they stand: changing or
        # removing them under it would leave the second person approving something else.
        if instrument.proposals.filter(status=ProposalStatus.PENDING).exists():
            return (
                "a change to its events waits for approval in the app; decide it first, "
                "then load again"
            )
        recorded = list(instrument.events.exclude(origin=Origin.REFERENCE))
        if not recorded:
            return None
        steps = [Step(data.kind, data.date, index) for index, data in enumerate(wanted)]
        steps += [Step(event.kind, event.date, len(wanted) + event.pk) for event in recorded]
        problem = history_problem(instrument_type, steps)
        if problem:
            return f"the dataset's events do not fit the events recorded in the app ({problem})"
        return None

    return refuse


def _latest_start(record: dict[str, Any]) -> datetime.date:
    """The last day a post's start may be, by what the dataset knows of it; today if nothing."""
    if record["started_on"] is None:
        return timezone.localdate()
    return last_day_of_precision(record["started_on"], record["started_on_precision"])


def reference_load(*, directory: Path) -> LoadReport:
    """Check the dataset in `directory`, then create or update, in one transaction, the
    records it still owns; records changed or recorded in the app are reported, not written."""
    dataset = reference_read(directory=directory)
    report = LoadReport()
    try:
        with transaction.atomic():
            _write(dataset, report)
    except ReferenceWriteError as error:
        raise ReferenceDataError([error.problem]) from error
    return report


def reference_sources_ensure(*, directory: Path, keys: Iterable[str]) -> list[str]:
    """Create from the dataset's sources.yaml those of the sources `keys` that the register
    lacks; their keys, sorted. A file loaded on its own (crime priorities, casework) may cite
    sources added to sources.yaml after the register was first loaded, as after an upgrade.
    Reads sources.yaml alone; call it inside the load's transaction, so that a load refused
    afterwards leaves no source behind. A source in neither place is left to the load's own
    check, which names it. Raises ReferenceDataError for a source sources.yaml gets wrong."""
    wanted = set(keys)
    wanted -= set(Source.objects.filter(key__in=wanted).values_list("key", flat=True))
    if not wanted:
        return []
    problems: list[str] = []
    records = _read_file(directory, "sources", problems)
    created = []
    for record in records:
        if not isinstance(record, dict) or record.get("key") not in wanted:
            continue
        checker = RecordChecker(problems, "sources.yaml", f"source '{record['key']}'")
        read = _source_read(checker, record, _Known())
        if problems:
            break
        try:
            _source_write(read, LoadIssues())
        except ReferenceWriteError as error:
            problems.append(error.problem)
            break
        created.append(read["key"])
    if problems:
        raise ReferenceDataError(problems)
    return sorted(created)


def _source_write(record: dict[str, Any], issues: LoadIssues) -> Reconciliation:
    return reference_record_sync(
        model=Source,
        lookup={"key": record["key"]},
        fields={name: value for name, value in record.items() if name != "key"},
        relations={},
        current_relations=_no_relations,
        where=f"sources.yaml, source '{record['key']}'",
        issues=issues,
    )


def _no_relations(instance: Any) -> dict[str, Any]:
    return {}


def _write(dataset: Dataset, report: LoadReport) -> None:
    """Create or update every record the dataset owns; a model rule broken on the way
    names its record."""
    issues = report.issues
    sources: dict[str, Source] = {}
    for record in dataset.sources:
        result = _source_write(record, issues)
        sources[result.instance.key] = result.instance
        report.count("source", result.outcome)

    regions: dict[str, Region] = {}
    for record in dataset.regions:
        result = record_load(
            model=Region,
            lookup={"code": record["code"]},
            fields={"name": record["name"], "description": record["description"]},
            citations=_citation_tuples(record["citations"]),
            sources=sources,
            where=f"regions.yaml, region '{record['code']}'",
            issues=issues,
        )
        regions[result.instance.code] = result.instance
        report.count("region", result.outcome)

    partners: dict[str, Partner] = {}
    results = {}
    fields = (
        "kind",
        "name",
        "aliases",
        "competent_in_criminal_matters",
        "name_takes_article",
        "designation_note",
        "description",
    )
    for record in dataset.partners:
        result = record_load(
            model=Partner,
            lookup={"code": record["code"]},
            fields={name: record[name] for name in fields},
            citations=_citation_tuples(record["citations"]),
            sources=sources,
            where=f"partners.yaml, partner '{record['code']}'",
            issues=issues,
            many=_partner_relations(record, regions, partners),
            write_many=False,
        )
        partners[record["code"]] = result.instance
        results[record["code"]] = result
    # Relations once every partner exists: a network's members are partners too.
    for record in dataset.partners:
        with _naming(f"partners.yaml, partner '{record['code']}'"):
            many_relations_write(
                results[record["code"]], _partner_relations(record, regions, partners)
            )
        report.count("partner", results[record["code"]].outcome)

    for record in dataset.instruments:
        where = f"instruments.yaml, instrument '{record['key']}'"
        result = record_load(
            model=Instrument,
            lookup={"key": record["key"]},
            fields={
                "partner": partners[record["partner"]],
                "type": record["type"],
                "strategic": record["strategic"],
                "eu_party": partners[record["eu_party"]] if record["eu_party"] else None,
                "title": record["title"],
                "notes": record["notes"],
                "adequacy_act": record["adequacy_act"],
                "adequacy_scope": record["adequacy_scope"],
                "edps_authorisation_reference": record["edps_authorisation_reference"],
                "edps_authorised_on": record["edps_authorised_on"],
            },
            citations=_citation_tuples(record["citations"]),
            sources=sources,
            where=where,
            issues=issues,
            refuse_update=_events_fit(record["type"], record["events"]),
            other_relations={"events": [_event_plain(event) for event in record["events"]]},
            other_current=_current_instrument_events,
        )
        if "events" in result.relations:
            _events_write(result.instance, record["events"], sources, where)
        report.count("instrument", result.outcome)

    for record in dataset.liaison_officers:
        where = f"liaison_officers.yaml, liaison officer '{record['key']}'"
        officer_fields: dict[str, Any] = {
            "partner": partners[record["partner"]],
            "kind": record["kind"],
            "started_on": record["started_on"],
            "started_on_precision": record["started_on_precision"],
        }
        result = record_load(
            model=LiaisonOfficer,
            lookup={"key": record["key"]},
            fields=officer_fields,
            citations=_citation_tuples(record["citations"]),
            sources=sources,
            where=where,
            issues=issues,
        )
        if result.outcome in ("created", "updated"):
            # The same article as the app's door: a post needs an instrument providing for it.
            problem = liaison_officer_problem(
                kind=record["kind"], partner=officer_fields["partner"], on=_latest_start(record)
            )
            if problem:
                raise ReferenceDataError([f"{where}: {problem}"])
        report.count("liaison officer", result.outcome)

    for kind in RECORD_KINDS:
        reference_dropped(
            queryset=kind.model._default_manager.all(),
            key=kind.key,
            present={record[kind.key] for record in getattr(dataset, kind.file)},
            label=f"{kind.file}.yaml, {kind.label}",
            issues=issues,
        )


def _partner_relations(
    record: dict[str, Any], regions: dict[str, Region], partners: dict[str, Partner]
) -> dict[str, ManyRelation]:
    return {
        "regions": ManyRelation(record["regions"], regions),
        "members": ManyRelation(record["members"], partners),
    }
