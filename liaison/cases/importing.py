"""`liaison import-cases`: cases and exchanges exported from a CMS, from a CSV or XLSX file.

The whole file is checked before anything is kept: every row goes through the same services
(and the transfer gate) as the web and the API inside one transaction, every problem is
named by row and column, and if there is any, the transaction is rolled back: all or nothing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.cases.models import Case
from liaison.cases.services import EXCHANGE_FIELDS, case_create, exchange_create
from liaison.core.spreadsheet_import import ImportFileError, csv_table, xlsx_table
from liaison.core.text import whole_number
from liaison.partners.models import Partner
from liaison.transfers.models import TransferAssessment

LIST_COLUMNS = ("crime_areas", "member_states", "partners", "tools")
DATE_COLUMNS = (
    "opened_on",
    "closed_on",
    "sent_on",
    "acknowledged_on",
    "answered_on",
    "deadline",
)
COUNT_COLUMNS = ("arrests", "searches", "seizures", "extraditions", "surrenders", "convictions")
CASE_COLUMNS = (
    "cms_reference",
    "title",
    "crime_areas",
    "member_states",
    "requesting_member_state",
    "partners",
    "opened_on",
    "closed_on",
    "status",
    "tools",
    "agency_role",
    *COUNT_COLUMNS,
    "seizures_description",
    "seizures_value_eur",
)
EXCHANGE_COLUMNS = ("cms_reference", *EXCHANGE_FIELDS)
REQUIRED = {
    "case": (
        "cms_reference",
        "title",
        "crime_areas",
        "member_states",
        "requesting_member_state",
        "opened_on",
    ),
    "exchange": ("cms_reference", "partner", "kind", "direction", "channel", "data_category"),
}
NO_SUCH_CASE = "no case with this reference above in the file or in the register"
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
EXCEL_EPOCH = datetime.date(1899, 12, 30)


class ImportProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportSummary:
    cases: int
    exchanges: int


def _rows(table: list[list[str]]) -> list[dict[str, str]]:
    """Rows of text, the first naming the columns, as dictionaries by column name."""
    while table and not any(table[-1]):  # rows a spreadsheet formatted but left empty
        table.pop()
    if not table:
        return []
    header = [name.strip() for name in table[0]]
    return [
        {name: (values[i] if i < len(values) else "") for i, name in enumerate(header) if name}
        for values in table[1:]
    ]


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    """The first sheet of an XLSX workbook as rows of text, the first row naming columns:
    read as every import reads one (openpyxl read-only, its XML parsed by defusedxml)."""
    try:
        _sheet, table = xlsx_table(path)
    except ImportFileError as error:
        raise ImportProblems(error.problems) from error
    return _rows(table)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file read as every import reads one (cells separated by , or ;, UTF-8)."""
    try:
        table = csv_table(path)
    except ImportFileError as error:
        raise ImportProblems(error.problems) from error
    except OSError as error:
        raise ImportProblems([f"{path.name}: cannot be read ({error})"]) from error
    return _rows(table)


def read_rows(path: Path) -> list[dict[str, str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise ImportProblems([f"{path.name}: give a .csv or .xlsx file"])


def _date(value: str) -> datetime.date:
    value = value.strip()
    if re.fullmatch(r"\d{1,6}(\.0+)?", value):  # an XLSX date is a day number
        return EXCEL_EPOCH + datetime.timedelta(days=int(float(value)))
    return datetime.date.fromisoformat(value)


def _convert(
    row: dict[str, str], columns: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The row's values as the services take them, and the columns that could not be read."""
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for column in columns:
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        try:
            if column in LIST_COLUMNS:
                data[column] = [part.strip() for part in re.split(r"[;,]", raw) if part.strip()]
            elif column in DATE_COLUMNS:
                data[column] = _date(raw)
            elif column in COUNT_COLUMNS:
                data[column] = int(raw)
            else:
                data[column] = raw
        except ValueError:
            problems[column] = (
                "not a date written YYYY-MM-DD" if column in DATE_COLUMNS else "not a whole number"
            )
    return data, problems


def cases_import(*, path: Path, user: Any) -> ImportSummary:
    """Import the file whole or not at all; raises ImportProblems naming row and column."""
    rows = read_rows(path)
    problems: list[str] = []
    if not rows:
        raise ImportProblems([f"{path.name}: no row to import"])
    partners = {p.code: p for p in Partner.objects.all()}
    counts = {"case": 0, "exchange": 0}

    def problem(number: int, column: str, message: str) -> None:
        problems.append(f"row {number}, column {column}: {message}")

    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 names the columns
            record = (row.get("record") or "").strip().lower()
            if record not in REQUIRED:
                problem(number, "record", "write 'case' or 'exchange'")
                continue
            missing = [c for c in REQUIRED[record] if not (row.get(c) or "").strip()]
            for column in missing:
                problem(number, column, "required")
            columns = CASE_COLUMNS if record == "case" else EXCHANGE_COLUMNS
            data, unreadable = _convert(row, columns)
            for column, message in unreadable.items():
                problem(number, column, message)
            if missing or unreadable:
                continue
            try:
                with transaction.atomic():  # a savepoint: the next rows are still checked
                    if record == "case":
                        codes = data.pop("partners", [])
                        unknown = [code for code in codes if code not in partners]
                        if unknown:
                            raise ValidationError(
                                {
                                    "partners": _("unknown partner code(s) %(codes)s")
                                    % {"codes": ", ".join(unknown)}
                                }
                            )
                        case_create(data=data, partners=[partners[c] for c in codes])
                    else:
                        case = Case.objects.filter(cms_reference=data.pop("cms_reference")).first()
                        if case is None:
                            raise ValidationError({"cms_reference": NO_SUCH_CASE})
                        code = data.pop("partner")
                        if code not in partners:
                            raise ValidationError(
                                {"partner": _("unknown partner code %(code)s") % {"code": code}}
                            )
                        data["partner"] = partners[code]
                        assessment = data.pop("transfer_assessment", None)
                        if assessment is not None:
                            key = whole_number(assessment, digits=18)
                            found = (
                                TransferAssessment.objects.filter(pk=key).first()
                                if key is not None
                                else None
                            )
                            if found is None:
                                raise ValidationError(
                                    {
                                        "transfer_assessment": _("no transfer assessment #%(n)s")
                                        % {"n": assessment}
                                    }
                                )
                            data["transfer_assessment"] = found
                        exchange_create(user=user, case=case, data=data)
                    counts[record] += 1
            except ValidationError as error:
                details = (
                    error.message_dict
                    if hasattr(error, "error_dict")
                    else {"record": error.messages}
                )
                for column, messages in details.items():
                    column = "record" if column == "__all__" else column
                    problem(number, column, " ".join(messages))
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ImportProblems(problems)
    return ImportSummary(cases=counts["case"], exchanges=counts["exchange"])
