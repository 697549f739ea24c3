"""The loader core, shared by the three loaders of reference data (reference, strategy,
engagements): reading a file, the neutral error they raise, upsert by natural key with
citations and many-to-many relations, and what a loader may write.

Every loaded record says where it comes from (`origin`) and keeps the digest of the values
the loader last wrote (`reference_digest`): its own fields, its citations and its loaded
relations. A load then decides record by record:

- not in the register: created, marked as reference data;
- in the register with the dataset's values: left alone (nothing written);
- recorded in the app (origin "app"): never written; reported when it differs;
- loaded earlier and unchanged since (its values still match the digest): updated;
- loaded earlier but changed since, in the app or by anyone (or loaded before digests were
  kept): a conflict, reported by file and record and left as it is.

Nothing is deleted: a record the dataset no longer has is reported and kept.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from liaison.core.choices import Origin
from liaison.partners.models import Partner
from liaison.reference.yaml_files import yaml_text_load
from liaison.sources.choices import Confidence
from liaison.sources.models import Citation, Source
from liaison.sources.services import CitationInput, citations_add

CitationRow = tuple[str, str, str]  # source key, place in it, confidence


class LoadError(Exception):
    """A dataset that cannot be loaded; `problems` names each one by file and record.
    Each loader raises its own subclass, so that its command says which file was wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems

    def text(self) -> str:
        return "Nothing was loaded:\n" + "\n".join(f"- {p}" for p in self.problems)


def dataset_file_read(path: Path, error: type[LoadError] = LoadError) -> Any:
    """The document in a YAML file of the dataset; `error` names the file if unreadable."""
    try:
        return yaml_text_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exception:
        raise error([f"{path.name}: {exception}"]) from exception


class ReferenceWriteError(Exception):
    """A model rule refused a record while it was written; `problem` names the record."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def plain(value: Any) -> Any:
    """A value as the digest and the comparisons see it: JSON data, records by their key."""
    if isinstance(value, models.Model):
        for name in ("key", "code"):
            if hasattr(value, name):
                return getattr(value, name)
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(name): plain(item) for name, item in value.items()}
    return value


def digest(snapshot: dict[str, Any]) -> str:
    text = json.dumps(plain(snapshot), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def citation_rows(obj: models.Model) -> list[list[str]]:
    """The object's citations, in a stable order, as plain rows."""
    content_type = ContentType.objects.get_for_model(obj)
    rows = Citation.objects.filter(content_type=content_type, object_id=obj.pk).values_list(
        "source__key", "location", "confidence"
    )
    return sorted([list(row) for row in rows])


def wanted_citation_rows(rows: Iterable[CitationRow]) -> list[list[str]]:
    return sorted([list(row) for row in rows])


def citations_replace(
    obj: models.Model, rows: Iterable[CitationRow], sources: dict[str, Source]
) -> None:
    """Make the object's citations exactly `rows` (each deletion and creation recorded)."""
    content_type = ContentType.objects.get_for_model(obj)
    for citation in Citation.objects.filter(content_type=content_type, object_id=obj.pk):
        citation.delete()
    citations_add(
        cited=obj,
        citations=[
            CitationInput(sources[key], location=location, confidence=confidence)
            for key, location, confidence in rows
        ],
    )


@dataclass
class Reconciliation:
    """What a load did with one record: `outcome` is created, updated, unchanged or
    conflict; `relations` names the relations the caller must now write."""

    instance: Any
    outcome: str
    relations: set[str] = field(default_factory=set)


@dataclass
class LoadIssues:
    """The records a load did not write: conflicts, and records the dataset dropped."""

    conflicts: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = []
        if self.conflicts:
            lines.append(
                f"Not written, the register's version kept ({len(self.conflicts)} record(s)):"
            )
            lines.extend(f"- {conflict}" for conflict in self.conflicts)
        if self.dropped:
            lines.append(
                f"No longer in the dataset, kept in the register ({len(self.dropped)} record(s)):"
            )
            lines.extend(f"- {dropped}" for dropped in self.dropped)
        return lines


def reference_record_sync(
    *,
    model: type[models.Model],
    lookup: dict[str, Any],
    fields: dict[str, Any],
    relations: dict[str, Any],
    current_relations: Callable[[Any], dict[str, Any]],
    where: str,
    issues: LoadIssues,
    refuse_update: Callable[[Any, set[str]], str | None] | None = None,
) -> Reconciliation:
    """Create, update or leave one record of a reference file, by the rules above.

    `fields` are the record's own columns as the loader would write them, `relations` the
    plain values of its citations and relations (which the caller writes, see
    Reconciliation.relations). `refuse_update` may name a reason not to apply an update."""
    wanted = {**{name: plain(value) for name, value in fields.items()}, **relations}
    wanted_digest = digest(wanted)
    instance: Any = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(
            **lookup, **fields, origin=Origin.REFERENCE, reference_digest=wanted_digest
        )
        _save(instance, where)
        return Reconciliation(instance, "created", set(relations))

    current = {name: plain(getattr(instance, name)) for name in fields}
    current.update(current_relations(instance))
    differing = [name for name in wanted if current.get(name) != wanted[name]]
    if instance.origin != Origin.REFERENCE:
        if not differing:
            return Reconciliation(instance, "unchanged")
        issues.conflicts.append(
            f"{where}: recorded in the app, not by a load; the dataset's values "
            f"({', '.join(differing)}) were not written"
        )
        return Reconciliation(instance, "conflict")
    if not differing:
        if instance.reference_digest != wanted_digest:
            # Loaded before digests were kept: from now on the load knows these values.
            instance.reference_digest = wanted_digest
            instance.save(update_fields=["reference_digest"])
        return Reconciliation(instance, "unchanged")
    if instance.reference_digest != digest(current):
        issues.conflicts.append(
            f"{where}: changed in the register since it was loaded "
            f"({', '.join(differing)} differ from the dataset); kept as it is"
        )
        return Reconciliation(instance, "conflict")
    reason = refuse_update(instance, set(differing)) if refuse_update else None
    if reason:
        issues.conflicts.append(f"{where}: {reason}; kept as it is")
        return Reconciliation(instance, "conflict")
    for name, value in fields.items():
        if name in differing:
            setattr(instance, name, value)
    instance.reference_digest = wanted_digest
    _save(instance, where)
    return Reconciliation(instance, "updated", set(differing) & set(relations))


@dataclass(frozen=True)
class ManyRelation:
    """A many-to-many relation a loaded record declares: the natural keys it wants, and the
    loaded records those keys name."""

    keys: Sequence[str]
    targets: Mapping[str, Any]


def record_load(
    *,
    model: type[models.Model],
    lookup: dict[str, Any],
    fields: dict[str, Any],
    citations: Iterable[CitationRow],
    sources: Mapping[str, Source],
    where: str,
    issues: LoadIssues,
    many: Mapping[str, ManyRelation] | None = None,
    refuse_update: Callable[[Any, set[str]], str | None] | None = None,
    write_many: bool = True,
    other_relations: dict[str, Any] | None = None,
    other_current: Callable[[Any], dict[str, Any]] | None = None,
) -> Reconciliation:
    """Upsert one record by its natural key (`lookup`) with its citations and many-to-many
    relations, by the rules above; a model rule broken on the way names the record.

    With `write_many=False` the caller sets the relations later (records that name each
    other, such as a network and its members), from the returned `relations`; the caller
    also writes `other_relations` (e.g. an instrument's events), whose values in the
    register `other_current` gives."""
    many = dict(many or {})
    rows = list(citations)
    wanted_many = {name: sorted(relation.keys) for name, relation in many.items()}

    def current(instance: Any) -> dict[str, Any]:
        return {
            "citations": citation_rows(instance),
            **{
                name: sorted(plain(item) for item in getattr(instance, name).all()) for name in many
            },
            **(other_current(instance) if other_current else {}),
        }

    result = reference_record_sync(
        model=model,
        lookup=lookup,
        fields=fields,
        relations={
            "citations": wanted_citation_rows(rows),
            **wanted_many,
            **(other_relations or {}),
        },
        current_relations=current,
        where=where,
        issues=issues,
        refuse_update=refuse_update,
    )
    with writing(where):
        if write_many:
            many_relations_write(result, many)
        if "citations" in result.relations:
            citations_replace(result.instance, rows, dict(sources))
    return result


def many_relations_write(result: Reconciliation, many: Mapping[str, ManyRelation]) -> None:
    """Set the relations the reconciliation says must be written."""
    for name, relation in many.items():
        if name in result.relations:
            getattr(result.instance, name).set([relation.targets[key] for key in relation.keys])


def _save(instance: models.Model, where: str) -> None:
    with writing(where):
        if isinstance(instance, Partner):
            instance.loading_reviewed_dataset = True
        instance.full_clean(validate_unique=False)
        # PostgreSQL refuses a NUL character in any text; a text field's rules do not.
        nul = [
            f.name
            for f in instance._meta.concrete_fields
            if _holds_nul(plain(getattr(instance, f.attname)))
        ]
        if nul:
            raise ValidationError({name: "must not contain a NUL character" for name in nul})
    instance.save()


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return False


@contextmanager
def writing(where: str) -> Iterator[None]:
    """A model rule broken while writing a record becomes a problem named by that record."""
    try:
        yield
    except ValidationError as error:
        raise ReferenceWriteError(f"{where}: {validation_text(error)}") from error


@dataclass
class LoadTally:
    """What a load did: records created, updated, unchanged or not written (conflict), and
    the records it did not write."""

    counts: Counter[str] = field(default_factory=Counter)
    issues: LoadIssues = field(default_factory=LoadIssues)

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1

    @property
    def changed(self) -> bool:
        return bool(self.counts["created"] or self.counts["updated"])

    def summary(self, *, what: str, up_to_date: str) -> str:
        if self.changed:
            kept = f", {self.counts['conflict']} not written" if self.counts["conflict"] else ""
            first = (
                f"{what} loaded: {self.counts['created']} created, {self.counts['updated']} "
                f"updated, {self.counts['unchanged']} unchanged{kept}."
            )
        else:
            first = up_to_date
        return "\n".join([first, *self.issues.lines()])


def dict_citation_rows(citations: Iterable[dict[str, Any]]) -> list[CitationRow]:
    """The `cite:` list of a strategy or engagements file as citation rows."""
    return [
        (
            str(citation["source"]),
            str(citation.get("at") or ""),
            str(citation.get("confidence") or Confidence.CHECKED),
        )
        for citation in citations
    ]


def validation_text(error: ValidationError) -> str:
    """A model's refusal as one line that names each field."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"'{name}': {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return "; ".join(error.messages)


def reference_dropped(
    *,
    queryset: models.QuerySet[Any],
    key: str,
    present: set[Any],
    label: str,
    issues: LoadIssues,
) -> None:
    """Report the loaded records that the dataset no longer has; they are kept.

    `label` names the kind in its file, e.g. "partners.yaml, partner"."""
    dropped = queryset.filter(origin=Origin.REFERENCE).exclude(**{f"{key}__in": present})
    for value in dropped.order_by(key).values_list(key, flat=True):
        issues.dropped.append(f"{label} '{value}': loaded earlier, no longer in the dataset")


# --- Reading and checking records, kind by kind ----------------------------------------

LOCATION_MAX_LENGTH = Citation._meta.get_field("location").max_length or 0


@dataclass(frozen=True)
class CitationData:
    source: str
    location: str
    confidence: str


class RecordChecker:
    """Collects problems while reading one record."""

    def __init__(self, problems: list[str], file: str, label: str) -> None:
        self.problems = problems
        self.where = f"{file}, {label}"

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.where}: {text}")

    def keys(self, record: dict[str, Any], required: set[str], optional: set[str]) -> bool:
        missing = sorted(required - record.keys())
        unknown = sorted(record.keys() - required - optional)
        for name in missing:
            self.problem(f"'{name}' is missing")
        for name in unknown:
            allowed = ", ".join(sorted(required | optional))
            self.problem(f"unknown field '{name}' (expected one of: {allowed})")
        return not missing and not unknown

    def text(self, record: dict[str, Any], name: str, *, required: bool = False) -> str:
        value = record.get(name)
        if value is None:
            if required:
                self.problem(f"'{name}' must not be empty")
            return ""
        if not isinstance(value, str):
            self.problem(f"'{name}' must be text, not {type(value).__name__} {value!r}")
            return ""
        if required and not value.strip():
            self.problem(f"'{name}' must not be empty")
        if "\x00" in value:
            self.problem(f"'{name}' must not contain a NUL character")
        return value.strip()

    def choice(
        self, record: dict[str, Any], name: str, choices: Iterable[str], default: str | None = None
    ) -> str:
        value = record.get(name, default)
        allowed = list(choices)
        if value not in allowed:
            self.problem(f"'{name}' is {value!r}; expected one of: {', '.join(allowed)}")
            return default or ""
        return str(value)

    def boolean(self, record: dict[str, Any], name: str, default: bool) -> bool:
        value = record.get(name, default)
        if not isinstance(value, bool):
            self.problem(f"'{name}' must be true or false, not {value!r}")
            return default
        return value

    def date(self, record: dict[str, Any], name: str) -> datetime.date | None:
        value = record.get(name)
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            self.problem(f"'{name}' must be a date (YYYY-MM-DD), not a date and time")
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(f"'{name}' is {value!r}; expected a date written YYYY-MM-DD, or null")
        return None

    def string_list(self, record: dict[str, Any], name: str) -> list[str]:
        value = record.get(name) or []
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.problem(f"'{name}' must be a list of non-empty texts")
            return []
        return [item.strip() for item in value]

    def citations(
        self, record: dict[str, Any], source_keys: set[str], *, required: bool = True
    ) -> tuple[CitationData, ...]:
        value = record.get("cite")
        if not value:
            if required:
                self.problem("'cite' is missing: every fact needs a source")
            return ()
        if not isinstance(value, list):
            self.problem("'cite' must be a list of {source, at, confidence}")
            return ()
        citations = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                self.problem(f"citation {number} must be a mapping with source, at, confidence")
                continue
            if not self.keys(item, {"source"}, {"at", "confidence"}):
                continue
            key = self.text(item, "source", required=True)
            if key and key not in source_keys:
                self.problem(
                    f"citation {number} names source '{key}', which sources.yaml does not define"
                )
            confidence = self.choice(item, "confidence", Confidence.values, Confidence.CHECKED)
            location = self.text(item, "at")
            if len(location) > LOCATION_MAX_LENGTH:
                self.problem(
                    f"citation {number}: 'at' is {len(location)} characters long; "
                    f"at most {LOCATION_MAX_LENGTH} are kept"
                )
            citations.append(CitationData(key, location, confidence))
        return tuple(citations)


Context = TypeVar("Context")


@dataclass(frozen=True)
class RecordKind(Generic[Context]):
    """One kind of record of a dataset: its file (or section of a file), its natural key, the
    fields it may have, how it is read and checked, and the model that holds it.

    `read` turns a record whose fields were checked into the values the loader writes; it
    reports problems on the checker and may use what the dataset's earlier kinds defined
    (`Context`, each loader's own)."""

    file: str
    label: str
    key: str
    required: frozenset[str]
    optional: frozenset[str]
    read: Callable[[RecordChecker, dict[str, Any], Context], dict[str, Any]]
    model: type[Any]


def record_label(kind: RecordKind[Any], number: int, record: dict[str, Any]) -> str:
    """How problems name a record: by its key when it has one, and by its place."""
    if isinstance(record.get(kind.key), str):
        return f"{kind.label} '{record[kind.key]}' (record {number})"
    return f"{kind.label} record {number}"


RecordCheck = Callable[[RecordKind[Any], RecordChecker, dict[str, Any]], bool]


def kind_records(
    records: Iterable[Any],
    kind: RecordKind[Any],
    *,
    file: str,
    problems: list[str],
    label: Callable[[RecordKind[Any], int, dict[str, Any]], str] | None = None,
    check: RecordCheck | None = None,
) -> Iterator[tuple[RecordChecker, dict[str, Any]]]:
    """The records of one kind that are mappings and pass `check`, each with the checker
    that names it (by `label`, else by its key); one that is not a mapping is reported by its
    place. Lazily, so that a caller reading each record as it comes reports its problems in
    the records' order."""
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            place = RecordChecker(problems, file, f"{kind.label} record {number}")
            place.problem("must be a mapping")
            continue
        name = label(kind, number, record) if label else f"{kind.label} '{record.get(kind.key)}'"
        checker = RecordChecker(problems, file, name)
        if check is None or check(kind, checker, record):
            yield checker, record


def records_read(
    records: Iterable[Any],
    kind: RecordKind[Context],
    context: Context,
    *,
    file: str,
    problems: list[str],
    label: Callable[[RecordKind[Any], int, dict[str, Any]], str] | None = None,
    check: RecordCheck | None = None,
) -> list[dict[str, Any]]:
    """The records of one kind as the kind's reader reads them, one after the other (see
    `kind_records`); the problems go to `problems`."""
    return [
        kind.read(checker, record, context)
        for checker, record in kind_records(
            records, kind, file=file, problems=problems, label=label, check=check
        )
    ]


def sections_read(
    data: dict[str, Any],
    kinds: Iterable[RecordKind[Context]],
    context: Context,
    *,
    file: str,
    check: RecordCheck,
    error: type[LoadError],
) -> dict[str, list[dict[str, Any]]]:
    """Each kind's list in a file of several sections (`projects:`, `engagements:`), read by
    `records_read` in the kinds' order; a section that is not a list is a problem. Raises
    `error` naming every problem."""
    problems: list[str] = []
    read: dict[str, list[dict[str, Any]]] = {}
    for kind in kinds:
        records = data.get(kind.file) or []
        if not isinstance(records, list):
            problems.append(f"{file}, '{kind.file}' must be a list")
            records = []
        read[kind.file] = records_read(
            records, kind, context, file=file, problems=problems, check=check
        )
    if problems:
        raise error(problems)
    return read


def section_keys(data: Any, section: str, key: str = "key") -> set[str]:
    """The keys of a section's records, read leniently before the section is (a record may
    name another of its file): the section's own checks report what is malformed."""
    records = data.get(section) if isinstance(data, dict) else None
    if not isinstance(records, list):
        return set()
    return {r[key] for r in records if isinstance(r, dict) and isinstance(r.get(key), str)}


def cited_sources(data: Any, lists: Iterable[str]) -> set[str]:
    """The source keys that the records of a dataset file's `lists` cite (`cite:` entries),
    read leniently: the file's own checks report what is malformed."""
    keys: set[str] = set()
    if not isinstance(data, dict):
        return keys
    for name in lists:
        records = data.get(name)
        for record in records if isinstance(records, list) else ():
            citations = record.get("cite") if isinstance(record, dict) else None
            for citation in citations if isinstance(citations, list) else ():
                if isinstance(citation, dict) and isinstance(citation.get("source"), str):
                    keys.add(citation["source"])
    return keys
