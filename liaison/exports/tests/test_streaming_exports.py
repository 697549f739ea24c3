"""Every CSV export streams: the header first, before any record is read, then batches
of rows read from a server-side cursor; personal data is logged batch by batch, only once
a batch has been sent."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models.query import QuerySet

from liaison.core import csv_export
from liaison.core.csv_export import csv_batches
from liaison.core.models import AccessLogEntry
from liaison.exports.tests.conftest import csv_rows

pytestmark = [pytest.mark.django_db]

EXPORT_URL = "/transfer-assessments/export.csv"

# A server closes the response, and with it the database connection, when the person goes
# away: the tests that stop early commit their data so that it outlives that connection.
STOPS_EARLY = pytest.mark.django_db(transaction=True)


def test_it_sends_the_header_before_reading_any_record():
    pulled: list[int] = []

    def records() -> Any:
        for number in range(10):
            pulled.append(number)
            yield number

    chunks = csv_batches(header=["n"], records=records(), row=lambda n: [n], batch_size=4)
    assert next(chunks) == '\ufeff"n"\r\n'
    assert pulled == []


def test_it_holds_no_more_than_one_batch_of_records_whatever_the_number_of_rows():
    pulled = 0
    sent = 0

    def records() -> Any:
        nonlocal pulled
        for number in range(10_000):
            pulled += 1
            yield number

    held = []
    for chunk in csv_batches(header=["n"], records=records(), row=lambda n: [n], batch_size=100):
        sent += chunk.count("\n")
        held.append(pulled - (sent - 1))  # records read but not yet sent (less the header)
    assert sent - 1 == 10_000
    assert max(held) <= 100


def test_the_assessment_export_reads_through_a_cursor_not_a_list(
    assessments, dave_client, monkeypatch
):
    chunk_sizes = []
    real_iterator = QuerySet.iterator

    def spying_iterator(self: Any, chunk_size: int | None = None) -> Any:
        chunk_sizes.append(chunk_size)
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spying_iterator)
    response = dave_client.get(EXPORT_URL)
    rows = csv_rows(b"".join(response.streaming_content).decode("utf-8"))
    assert len(rows) == 5
    assert chunk_sizes == [csv_export.BATCH_SIZE]


@STOPS_EARLY
def test_the_first_chunk_of_each_export_is_its_header(assessments, dave_client):
    for url, first_column in ((EXPORT_URL, "id"), ("/access-log/export.csv", "at")):
        response = dave_client.get(url)
        assert response.status_code == 200
        first = next(iter(response.streaming_content)).decode("utf-8")
        assert first.startswith(f'\ufeff"{first_column}",')
        assert first.count("\n") == 1
        response.close()


def test_cells_stay_safe_for_spreadsheets(assessments, dave_client):
    response = dave_client.get(EXPORT_URL)
    rows = csv_rows(b"".join(response.streaming_content).decode("utf-8"))
    assert rows[-1]["necessity"] == '\'=HYPERLINK("http://example.invalid")'


@STOPS_EARLY
def test_a_download_stopped_early_logs_only_the_batches_sent(assessments, dave_client, monkeypatch):
    monkeypatch.setattr(csv_export, "BATCH_SIZE", 2)
    response = dave_client.get(EXPORT_URL)
    chunks = iter(response.streaming_content)
    next(chunks)  # the header
    next(chunks)  # the first batch
    assert AccessLogEntry.objects.count() == 0  # asked for, not yet known to be sent
    next(chunks)  # the server asks for more only once the first batch went out
    response.close()  # the person cancels: the second batch never reached them
    logged = list(AccessLogEntry.objects.values_list("action", "object_id", "username"))
    assert len(logged) == 2
    assert {action for action, _id, _user in logged} == {"export"}
    assert {user for _action, _id, user in logged} == {"dave"}
    ids_sent = sorted(str(assessment.pk) for assessment in assessments[:2])
    assert sorted(object_id for _action, object_id, _user in logged) == ids_sent


def test_a_whole_download_logs_every_row_once(assessments, dave_client, monkeypatch):
    monkeypatch.setattr(csv_export, "BATCH_SIZE", 2)
    response = dave_client.get(EXPORT_URL)
    b"".join(response.streaming_content)
    logged = sorted(AccessLogEntry.objects.values_list("object_id", flat=True))
    assert logged == sorted(str(assessment.pk) for assessment in assessments)


def test_the_access_log_export_holds_every_entry_oldest_first(assessments, dave_client):
    b"".join(dave_client.get(EXPORT_URL).streaming_content)  # logs five exports
    response = dave_client.get("/access-log/export.csv")
    rows = csv_rows(b"".join(response.streaming_content).decode("utf-8"))
    assert [row["record_id"] for row in rows] == [str(a.pk) for a in assessments]
    assert {row["record_type"] for row in rows} == {"transfers.transferassessment"}
