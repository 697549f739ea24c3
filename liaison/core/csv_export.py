"""CSV exports: UTF-8 with a byte-order mark, every cell quoted, no cell a spreadsheet formula.

Exports stream: the header goes out at once, then the rows in batches read from a
server-side cursor (`QuerySet.iterator`), so memory does not grow with the number of rows.
A batch of personal data is written to the access log only once it has been sent."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows read from the database and sent (then logged) together.
BATCH_SIZE = 2000
BYTE_ORDER_MARK = "\ufeff"  # lets spreadsheet programs read the file as UTF-8


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


def csv_batches(
    *,
    header: Sequence[str],
    records: Iterable[Any],
    row: Callable[[Any], Iterable[Any]],
    after_batch: Callable[[list[Any]], None] | None = None,
    batch_size: int | None = None,
) -> Iterator[str]:
    """The CSV text in chunks: the byte-order mark and header first, before any record is
    read, then one chunk per batch of records. `after_batch` runs on each batch once its
    chunk has been taken by the consumer: a consumer that stops early never gets it."""
    batch_size = batch_size or BATCH_SIZE
    writer = csv_writer()
    yield BYTE_ORDER_MARK + csv_line(writer, header)
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            yield "".join(csv_line(writer, row(item)) for item in batch)
            if after_batch is not None:
                after_batch(batch)
            batch = []
    if batch:
        yield "".join(csv_line(writer, row(item)) for item in batch)
        if after_batch is not None:
            after_batch(batch)


def csv_response(
    *,
    name: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]] | None = None,
    records: Iterable[Any] | None = None,
    row: Callable[[Any], Iterable[Any]] | None = None,
    after_batch: Callable[[list[Any]], None] | None = None,
) -> HttpResponse:
    """Stream `liaison-<name>-<date>.csv`: either ready `rows`, or `records` turned into
    rows by `row` (and `after_batch` run on each batch sent)."""
    if rows is not None:
        records, row = rows, list
    assert records is not None and row is not None  # noqa: S101 (a programming error)
    chunks = csv_batches(header=header, records=records, row=row, after_batch=after_batch)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="liaison-{name}-{stamp}.csv"'
    # Proxies must pass each chunk on as it comes (nginx buffers otherwise).
    response["X-Accel-Buffering"] = "no"
    return response  # type: ignore[return-value]


@dataclass(frozen=True)
class CsvExport:
    """What one kind of export holds: which records (filtered as on the list page, in a
    stable order), its columns, and how a record becomes a row."""

    key: str
    title: Any  # a translatable text
    model: type[Model]
    filterset_class: Any
    queryset: Callable[[Any], QuerySet[Any]]
    ordering: tuple[str, ...]
    header: Sequence[str]
    row: Callable[[Any], list[Any]]

    def records(self, *, user: Any, data: QueryDict) -> QuerySet[Any]:
        """The records `user` may export under these filters (unknown filters are the
        caller's to refuse, as the list page does). Filters that no longer hold (a partner
        named in them was deleted since) are refused: dropping them would export more."""
        filterset = self.filterset_class(data, queryset=self.queryset(user))
        if not filterset.is_valid():
            raise ValidationError(
                "These filters no longer hold: "
                + "; ".join(
                    f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
                )
            )
        return filterset.qs.order_by(*self.ordering)
