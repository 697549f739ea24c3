"""Liaison's one bulk importer: rows of a CSV or XLSX file, checked and written through the
same services as the forms, all or nothing.

A kind of import (`ImportKind`, declared by each app in its `imports.py`) names its columns
and how one row is written (`apply_row`, which calls the app's services and raises
ValidationError field by field) or, for casework, how the whole file is (`apply_file`).
`import_run` reads the file, checks it against the kind's columns and writes every row in
one transaction, each row in a savepoint so that the rows after a bad one are still checked;
a dry run, or any problem, rolls the whole transaction back. The preview is therefore the
import itself, undone: what it says would happen is what confirming does.

XLSX files are read with openpyxl in read-only mode, which parses their XML with defusedxml
(no entity expansion, no external entities)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _

CREATE = "create"
CHANGE = "change"
UNCHANGED = "unchanged"
REFUSE = "refuse"
FILE_SUFFIXES = (".csv", ".xlsx")
# Several values in one cell.
LIST_SEPARATORS = re.compile(r"\s*[;|]\s*")
TRUE_WORDS = {"1", "true", "yes", "y", "x", "oui", "sim", "sí", "si", "vrai", "verdadero"}
FALSE_WORDS = {"", "0", "false", "no", "n", "non", "não", "nao", "faux", "falso"}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not a spreadsheet, wrong sheet or columns,
    too large): nothing is read from it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: Any  # translatable; a file may name the column by it, in any language, or by key
    required: bool = False
    help: Any = ""

    def names(self) -> set[str]:
        """How a file may head this column: its key, or its header in any of the languages."""
        names = {self.key.casefold()}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(str(self.header).strip().casefold())
        return names


@dataclass
class RowOutcome:
    number: int  # the row's number in the spreadsheet (the header is row 1)
    action: str = CREATE
    summary: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)


@dataclass
class ImportReport:
    kind: str
    rows: list[RowOutcome] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_problems and not any(row.problems for row in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.problems)

    @property
    def refused(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.problems]

    def problem_lines(self) -> list[str]:
        lines = list(self.file_problems)
        for row in self.refused:
            for column, message in row.problems:
                lines.append(
                    _("row %(row)s, column “%(column)s”: %(message)s")
                    % {"row": row.number, "column": column, "message": message}
                )
        return lines


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: Any
    model: type[Model]
    # What the importing person must be allowed on `model` (user_can actions).
    actions: tuple[str, ...]
    columns: Sequence[ImportColumn]
    # (values by column key, user) -> (action, summary); raises ValidationError.
    apply_row: Callable[[dict[str, str], Any], tuple[str, str]] | None = None
    # (path, user, report): the whole file at once (casework, whose rows refer to each other).
    apply_file: Callable[[Path, Any, ImportReport], None] | None = None
    description: Any = ""
    # Headers read and set aside (the other columns of the list's own export), so that an
    # export can be corrected and imported back; any other unknown column is refused.
    set_aside: tuple[Any, ...] = ()

    def column(self, key: str) -> ImportColumn:
        return next(column for column in self.columns if column.key == key)

    def header_of(self, key: str) -> str:
        try:
            return str(self.column(key).header)
        except StopIteration:
            return key


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def xlsx_table(path: Path, limit: int | None = None) -> tuple[str, list[list[str]]]:
    """The first sheet's name and its rows as text (up to `limit` + 2 rows)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a zip that is not a workbook raises many kinds of error
        raise ImportFileError(
            [_("%(file)s is not a readable XLSX workbook.") % {"file": path.name}]
        ) from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFileError([_("The workbook has no sheet.")])
        try:
            # The sheet's own dimension may claim every column (A1:XFD1048576): read no wider
            # than its header and no more rows than the limit asks.
            header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            width = max((i + 1 for i, value in enumerate(header) if value is not None), default=1)
            last = None if limit is None else limit + 2
            table = []
            for values in sheet.iter_rows(max_row=last, max_col=width, values_only=True):
                table.append([_cell_text(value) for value in values])
                if limit is not None and len(table) > limit + 1:
                    break
        except Exception as error:  # a sheet cut short fails only while its rows are read
            raise ImportFileError(
                [_("%(file)s is not a readable XLSX workbook.") % {"file": path.name}]
            ) from error
        return str(sheet.title), table
    finally:
        book.close()


def csv_table(path: Path, limit: int | None = None) -> list[list[str]]:
    """The CSV file's rows as text (up to `limit` + 2 rows), its cells separated by , or ;."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            [_("%(file)s is not UTF-8 text: save it as “CSV UTF-8”.") % {"file": path.name}]
        ) from error
    first = text.split("\n", 1)[0]
    # Spreadsheets set to a comma as decimal mark write ; between cells.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    table = []
    try:
        for values in csv.reader(io.StringIO(text), delimiter=delimiter):
            table.append([value.strip() for value in values])
            if limit is not None and len(table) > limit + 1:
                break
    except csv.Error as error:
        raise ImportFileError(
            [
                _("%(file)s is not a readable CSV file (%(error)s).")
                % {"file": path.name, "error": error}
            ]
        ) from error
    return table


def read_table(path: Path, *, kind: ImportKind) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (row number, values by column key), checked against the kind's
    columns and the limits; raises ImportFileError with every problem of the file."""
    if path.suffix.lower() not in FILE_SUFFIXES:
        raise ImportFileError([_("Give a .csv or .xlsx file.")])
    if path.stat().st_size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            [
                _("The file is larger than %(limit)s bytes: split it.")
                % {"limit": settings.IMPORT_MAX_BYTES}
            ]
        )
    limit = settings.IMPORT_MAX_ROWS
    sheet = ""
    if path.suffix.lower() == ".xlsx":
        sheet, table = xlsx_table(path, limit)
    else:
        table = csv_table(path, limit)
    while table and not any(table[-1]):
        table.pop()
    if not table:
        raise ImportFileError([_("The file is empty.")])
    header = table[0]
    known: dict[str, str | None] = {
        name: column.key for column in kind.columns for name in column.names()
    }
    for header_text in kind.set_aside:
        known.update(dict.fromkeys(ImportColumn("", header_text).names() - {""}))
    keys: list[str | None] = []
    problems = []
    for heading in header:
        name = heading.strip().casefold()
        key = known.get(name) if name else None
        if name and name not in known:
            problems.append(
                _("Column “%(column)s” is not one this import reads.") % {"column": heading}
            )
        keys.append(key)
    missing = [c for c in kind.columns if c.required and c.key not in keys]
    for column in missing:
        problems.append(_("Column “%(column)s” is missing.") % {"column": column.header})
    if problems:
        where = _("The first sheet (“%(sheet)s”) is read.") % {"sheet": sheet} if sheet else ""
        expected = _("The columns of this import are: %(columns)s.") % {
            "columns": ", ".join(str(c.header) for c in kind.columns)
        }
        raise ImportFileError([*problems, *(p for p in (where, expected) if p)])
    rows = []
    for index, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        rows.append((index, {key: value for key, value in zip(keys, values, strict=False) if key}))
    if len(rows) > limit:
        raise ImportFileError(
            [_("The file has more than %(limit)s rows: split it.") % {"limit": limit}]
        )
    if not rows:
        raise ImportFileError([_("The file has no row to import below its header.")])
    return rows


def _problems(kind: ImportKind, error: ValidationError) -> list[tuple[str, str]]:
    if not hasattr(error, "error_dict"):
        return [("", " ".join(error.messages))]
    return [
        (kind.header_of(name) if name != "__all__" else "", " ".join(messages))
        for name, messages in error.message_dict.items()
    ]


def import_run(*, kind: ImportKind, path: Path, user: Any, commit: bool) -> ImportReport:
    """Check every row of the file by writing it, in one transaction kept only when `commit`
    is asked and no row has a problem. File-wide problems raise ImportFileError."""
    report = ImportReport(kind=kind.key)
    if kind.apply_file is not None:
        read_table(path, kind=kind)  # the limits and the columns, as for every import
        with transaction.atomic():
            kind.apply_file(path, user, report)
            if not commit or not report.ok:
                transaction.set_rollback(True)
        report.committed = commit and report.ok
        return report
    assert kind.apply_row is not None  # noqa: S101 (a kind declares one of the two)
    rows = read_table(path, kind=kind)
    with transaction.atomic():
        for number, values in rows:
            outcome = RowOutcome(number=number)
            report.rows.append(outcome)
            missing = [c for c in kind.columns if c.required and not values.get(c.key)]
            if missing:
                outcome.action = REFUSE
                outcome.problems = [(str(c.header), _("required")) for c in missing]
                continue
            try:
                with transaction.atomic():  # a savepoint: the next rows are still checked
                    outcome.action, outcome.summary = kind.apply_row(values, user)
            except ValidationError as error:
                outcome.action = REFUSE
                outcome.problems = _problems(kind, error)
        if not commit or not report.ok:
            transaction.set_rollback(True)
    report.committed = commit and report.ok
    return report


# Cell readers shared by the kinds: each raises ValidationError naming its column.


def cell_date(values: dict[str, str], key: str) -> datetime.date | None:
    raw = values.get(key, "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        raise ValidationError(
            {key: _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": raw}}
        ) from None


def cell_bool(values: dict[str, str], key: str) -> bool:
    raw = values.get(key, "").strip().casefold()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValidationError({key: _("Write “yes” or “no”, not “%(value)s”.") % {"value": raw}})


def cell_list(values: dict[str, str], key: str) -> list[str]:
    return [part for part in LIST_SEPARATORS.split(values.get(key, "").strip()) if part]


def cell_choice(values: dict[str, str], key: str, choices: Any) -> str:
    """A choice given by its stored value or its label (in the active language)."""
    raw = values.get(key, "").strip()
    if not raw:
        return ""
    for value, label in choices:
        if raw.casefold() in {str(value).casefold(), str(label).casefold()}:
            return str(value)
    raise ValidationError(
        {
            key: _("“%(value)s” is not one of: %(choices)s.")
            % {"value": raw, "choices": ", ".join(str(value) for value, _label in choices)}
        }
    )
