"""Liaison's one table exporter: a list as CSV or XLSX, from the same column specification.

An export is declared once (`table_export`: which records, in what order, and its
`Column`s, each a translatable header and how a record gives its cell) and written by the
same code whatever the list and format:

- CSV: UTF-8 with a byte-order mark, every cell quoted, streamed: the header goes out at
  once, then the rows in batches read from a server-side cursor (`QuerySet.iterator`), so
  memory does not grow with the number of rows.
- XLSX: openpyxl's write-only workbook, which keeps each row only until it is written to
  a temporary file, so memory does not grow either; the finished file is then sent.

No cell is a spreadsheet formula in either format. A batch of personal data is written to
the access log only once it has been sent (CSV) or written (XLSX)."""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import FileResponse, HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows read from the database and sent (then logged) together.
BATCH_SIZE = 2000
BYTE_ORDER_MARK = "\ufeff"  # lets spreadsheet programs read the file as UTF-8
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Characters that XML 1.0 (so an XLSX sheet) cannot hold at all.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_safe(value: Any) -> str:
    """A cell starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_writer() -> Any:
    """Every cell is quoted, so a separator inside a text (a ; for spreadsheets set to
    split on it) cannot start a new cell."""
    return csv.writer(_Echo(), quoting=csv.QUOTE_ALL)


def csv_line(writer: Any, row: Iterable[Any]) -> str:
    return str(writer.writerow([spreadsheet_safe(cell) for cell in row]))


def _batched(
    records: Iterable[Any],
    batch_size: int,
    prepare: Callable[[list[Any]], None] | None,
) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            if prepare is not None:
                prepare(batch)
            yield batch
            batch = []
    if batch:
        if prepare is not None:
            prepare(batch)
        yield batch


def csv_batches(
    *,
    header: Sequence[Any],
    records: Iterable[Any],
    row: Callable[[Any], Iterable[Any]],
    after_batch: Callable[[list[Any]], None] | None = None,
    batch_size: int | None = None,
    prepare: Callable[[list[Any]], None] | None = None,
) -> Iterator[str]:
    """The CSV text in chunks: the byte-order mark and header first, before any record is
    read, then one chunk per batch of records (`prepare` runs on each batch first: what a
    row needs that one query per batch fetches). `after_batch` runs on each batch once its
    chunk has been taken by the consumer: a consumer that stops early never gets it."""
    writer = csv_writer()
    yield BYTE_ORDER_MARK + csv_line(writer, [str(name) for name in header])
    for batch in _batched(records, batch_size or BATCH_SIZE, prepare):
        yield "".join(csv_line(writer, row(item)) for item in batch)
        if after_batch is not None:
            after_batch(batch)


def xlsx_cell(value: Any) -> Any:
    """A value as an XLSX cell: numbers and dates keep their type (a spreadsheet can sum and
    sort them); text is quoted as in CSV when it would start a formula, and stripped of the
    control characters XML cannot hold; a time with a time zone is written as ISO text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat() if value.tzinfo is not None else value
    if isinstance(value, datetime.date):
        return value
    return spreadsheet_safe(_NOT_IN_XML.sub("", str(value)))


def xlsx_write(
    *,
    out: IO[bytes],
    title: str,
    header: Sequence[Any],
    records: Iterable[Any],
    row: Callable[[Any], Iterable[Any]],
    after_batch: Callable[[list[Any]], None] | None = None,
    batch_size: int | None = None,
    prepare: Callable[[list[Any]], None] | None = None,
) -> None:
    """Write the records as one sheet of a workbook to `out`, batch by batch, in constant
    memory (openpyxl's write-only mode); `after_batch` runs on each batch once written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    # A sheet's name is at most 31 characters, without []:*?/\ .
    sheet = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet")

    def text_cell(value: Any) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever openpyxl guesses from "="
        return cell

    sheet.append([text_cell(xlsx_cell(str(name))) for name in header])
    for batch in _batched(records, batch_size or BATCH_SIZE, prepare):
        for item in batch:
            sheet.append([text_cell(xlsx_cell(value)) for value in row(item)])
        if after_batch is not None:
            after_batch(batch)
    book.save(out)


def file_name(name: str, file_format: str = CSV) -> str:
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return f"liaison-{name}-{stamp}.{file_format}"


def csv_response(
    *,
    name: str,
    header: Sequence[Any],
    rows: Iterable[Iterable[Any]] | None = None,
    records: Iterable[Any] | None = None,
    row: Callable[[Any], Iterable[Any]] | None = None,
    after_batch: Callable[[list[Any]], None] | None = None,
    prepare: Callable[[list[Any]], None] | None = None,
) -> HttpResponse:
    """Stream `liaison-<name>-<date>.csv`: either ready `rows`, or `records` turned into
    rows by `row` (and `after_batch` run on each batch sent)."""
    if rows is not None:
        records, row = rows, list
    assert records is not None and row is not None  # noqa: S101 (a programming error)
    chunks = csv_batches(
        header=header, records=records, row=row, after_batch=after_batch, prepare=prepare
    )
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[CSV])
    response["Content-Disposition"] = f'attachment; filename="{file_name(name)}"'
    # Proxies must pass each chunk on as it comes (nginx buffers otherwise).
    response["X-Accel-Buffering"] = "no"
    return response  # type: ignore[return-value]


def xlsx_response(
    *,
    name: str,
    title: str,
    header: Sequence[Any],
    records: Iterable[Any],
    row: Callable[[Any], Iterable[Any]],
    after_batch: Callable[[list[Any]], None] | None = None,
    prepare: Callable[[list[Any]], None] | None = None,
) -> HttpResponse:
    """`liaison-<name>-<date>.xlsx`, written to a temporary file (a workbook is a zip,
    complete only at its end) and then sent from it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    xlsx_write(
        out=out,
        title=title,
        header=header,
        records=records,
        row=row,
        after_batch=after_batch,
        prepare=prepare,
    )
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=file_name(name, XLSX), content_type=CONTENT_TYPES[XLSX]
    )
    return response  # type: ignore[return-value]


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (translatable) and how a record gives its cell."""

    header: Any
    value: Callable[[Any], Any]


def _row_of(columns: Sequence[Column], record: Any) -> list[Any]:
    return [column.value(record) for column in columns]


@dataclass(frozen=True)
class TableExport:
    """What one kind of export holds: which records (filtered as on the list page, in a
    stable order), its columns, and how a record becomes a row.

    `permission_action` is what the user must be allowed on `model` to export (the list's
    own VIEW unless the export is more than the page, as the access log's EXPORT);
    `prepare(batch, data)` attaches to a batch what its rows need (one query per batch),
    `data` being the list's query string (e.g. the `as_of` date of the statuses)."""

    key: str
    title: Any  # a translatable text
    model: type[Model]
    filterset_class: Any
    # (user, query string) -> the records before filters; the query string gives `as_of`.
    queryset: Callable[[Any, QueryDict], QuerySet[Any]]
    ordering: tuple[str, ...]
    header: Sequence[Any]
    row: Callable[[Any], list[Any]]
    permission_action: str = "export"
    # (batch, query string): attaches what the rows need, one query a batch.
    prepare_batch: Callable[[list[Any], QueryDict], None] | None = None
    # Whose access a row stands for, when the records are not themselves the personal data
    # (the change log's entries of contact points): called with (user, batch, request).
    access_logger: Callable[..., None] | None = field(default=None)

    def records(self, *, user: Any, data: QueryDict) -> QuerySet[Any]:
        """The records `user` may export under these filters (unknown filters are the
        caller's to refuse, as the list page does). Filters that no longer hold (a partner
        named in them was deleted since) are refused: dropping them would export more."""
        filterset = self.filterset_class(data, queryset=self.queryset(user, data))
        if not filterset.is_valid():
            raise ValidationError(
                "These filters no longer hold: "
                + "; ".join(
                    f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
                )
            )
        return filterset.qs.order_by(*self.ordering)

    def prepare(self, data: QueryDict) -> Callable[[list[Any]], None] | None:
        prepare_batch = self.prepare_batch
        if prepare_batch is None:
            return None

        def prepare(batch: list[Any]) -> None:
            prepare_batch(batch, data)

        return prepare


# The name the first exports were declared with.
CsvExport = TableExport


def table_export(
    *,
    key: str,
    title: Any,
    model: type[Model],
    filterset_class: Any,
    queryset: Callable[[Any, QueryDict], QuerySet[Any]],
    ordering: tuple[str, ...],
    columns: Sequence[Column],
    permission_action: str = "view",
    prepare_batch: Callable[[list[Any], QueryDict], None] | None = None,
    access_logger: Callable[..., None] | None = None,
) -> TableExport:
    """An export declared by its columns: the header and the row come from the same list."""
    return TableExport(
        key=key,
        title=title,
        model=model,
        filterset_class=filterset_class,
        queryset=queryset,
        ordering=ordering,
        header=[column.header for column in columns],
        row=functools.partial(_row_of, tuple(columns)),
        permission_action=permission_action,
        prepare_batch=prepare_batch,
        access_logger=access_logger,
    )


def joined(items: Iterable[Any]) -> str:
    """Several values in one cell."""
    return " | ".join(str(item) for item in items)


def label(choices: Any) -> Callable[[Any], str]:
    """A choice's label in the active language, from its stored value."""
    labels = dict(choices)
    return lambda value: str(labels.get(value, value)) if value else ""


def as_of(data: QueryDict) -> datetime.date | None:
    """The date statuses are computed on, as the list page reads it (today if malformed)."""
    from liaison.core.filtersets import parse_as_of

    try:
        return parse_as_of(data.get("as_of"))
    except ValueError:
        return None
