"""CSV exports: UTF-8 with a byte-order mark, every cell quoted, no cell a spreadsheet formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> str:
    """A cell starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(*, name: str, header: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """Stream `rows` as `liaison-<name>-<date>.csv`. Every cell is quoted, so a separator
    inside a text (a ; for spreadsheets set to split on it) cannot start a new cell."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)

    def lines() -> Iterator[str]:
        yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([spreadsheet_safe(cell) for cell in row])

    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="liaison-{name}-{stamp}.csv"'
    return response  # type: ignore[return-value]
