"""An export over LIAISON_EXPORT_MAX_ROWS_INLINE becomes a job: asked for on the export
address, written to a private file by the worker, followed on its page, downloaded by the
person who asked (and nobody else), expired after LIAISON_EXPORT_DAYS."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django_q.models import Task

from liaison.core.models import AccessLogEntry
from liaison.exports.models import Export, ExportStatus
from liaison.exports.services import export_storage, exports_expire
from liaison.exports.tests.conftest import csv_rows, signed_in

pytestmark = [pytest.mark.django_db]

EXPORT_URL = "/transfer-assessments/export.csv"


@pytest.fixture(autouse=True)
def small_inline_limit(settings: Any) -> None:
    settings.EXPORT_MAX_ROWS_INLINE = 3


def ask_in_background(client: Any, capture: Any, query: str = "") -> Export:
    with capture(execute=True):  # the job is queued once the request's transaction commits
        response = client.post(f"{EXPORT_URL}{query}")
    assert response.status_code == 303
    export = Export.objects.get()
    assert response["Location"] == f"/exports/{export.pk}/"
    return export


def test_a_large_export_offers_a_background_file_and_sends_nothing(assessments, dave_client):
    response = dave_client.get(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "more than the 3 rows" in page and 'method="post"' in page
    assert AccessLogEntry.objects.count() == 0
    assert Export.objects.count() == 0  # a GET asks for nothing


def test_a_small_export_still_streams(assessments, dave_client):
    response = dave_client.get(EXPORT_URL, {"data_category": "operational_personal_data"})
    assert response.streaming


def test_the_job_writes_the_file_logs_its_rows_and_the_owner_downloads_it(
    assessments, dave, dave_client, django_capture_on_commit_callbacks
):
    export = ask_in_background(dave_client, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert (export.status, export.rows_expected, export.rows_written) == ("ready", 5, 5)
    stored = Path(settings.EXPORT_ROOT) / export.file_key
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    assert Task.objects.get(group="exports").success
    # Each row written is logged as exported by the person who asked, when the file is made.
    logged = AccessLogEntry.objects.filter(action="export", username="dave")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        str(assessment.pk) for assessment in assessments
    )
    assert set(logged.values_list("path", flat=True)) == {f"/exports/{export.pk}/"}

    download = dave_client.get(f"/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    rows = csv_rows(b"".join(download.streaming_content).decode("utf-8"))
    assert [row["id"] for row in rows] == [str(assessment.pk) for assessment in assessments]
    assert rows[-1]["necessity"].startswith("'=HYPERLINK")
    # The download has its own entry, naming the file.
    entry = AccessLogEntry.objects.get(content_type__model="export")
    assert (entry.username, entry.object_id) == ("dave", str(export.pk))


def test_the_filters_of_the_request_are_those_of_the_file(
    assessments, dave_client, django_capture_on_commit_callbacks, settings
):
    settings.EXPORT_MAX_ROWS_INLINE = 1
    export = ask_in_background(
        dave_client, django_capture_on_commit_callbacks, "?data_category=non_personal"
    )
    export.refresh_from_db()
    assert export.rows_written == 4
    assert AccessLogEntry.objects.count() == 4


def test_only_the_person_who_asked_downloads_it(
    assessments, dave, dave_client, erin, django_capture_on_commit_callbacks
):
    export = ask_in_background(dave_client, django_capture_on_commit_callbacks)
    administrator = signed_in(erin)  # may export assessments, but this file is dave's
    assert administrator.get(f"/exports/{export.pk}/download/").status_code == 404
    assert administrator.get(f"/exports/{export.pk}/").status_code == 404
    assert str(export.pk) not in administrator.get("/exports/").content.decode()
    # The owner who lost the right to export assessments loses the file too.
    dave.groups.set([Group.objects.get(name="viewer")])
    assert dave_client.get(f"/exports/{export.pk}/download/").status_code == 403
    assert not AccessLogEntry.objects.filter(content_type__model="export").exists()


def test_the_progress_page_polls_until_the_file_is_ready(
    assessments, dave_client, django_capture_on_commit_callbacks
):
    export = ask_in_background(dave_client, django_capture_on_commit_callbacks)
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, rows_written=2)
    running = dave_client.get(f"/exports/{export.pk}/", headers={"HX-Request": "true"})
    fragment = running.content.decode()
    assert 'hx-trigger="every 2s"' in fragment and 'value="40"' in fragment
    assert "<script" not in fragment and "<html" not in fragment
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.READY, rows_written=5)
    ready = dave_client.get(f"/exports/{export.pk}/", headers={"HX-Request": "true"})
    assert "hx-trigger" not in ready.content.decode()
    assert f"/exports/{export.pk}/download/" in ready.content.decode()
    listing = dave_client.get("/exports/").content.decode()
    assert f"/exports/{export.pk}/" in listing


def test_files_expire_after_the_configured_days(
    assessments, dave_client, django_capture_on_commit_callbacks
):
    export = ask_in_background(dave_client, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert (
        export.expires_at.date()
        == (timezone.now() + datetime.timedelta(days=settings.EXPORT_DAYS)).date()
    )
    exports_expire(now=export.expires_at - datetime.timedelta(minutes=1))
    assert export_storage().exists(export.file_key)
    exports_expire(now=export.expires_at + datetime.timedelta(minutes=1))
    export.refresh_from_db()
    assert export.status == "expired" and not export_storage().exists(export.file_key)
    assert dave_client.get(f"/exports/{export.pk}/download/").status_code == 404


def test_a_failing_export_leaves_no_file_and_no_log_and_is_recorded_as_failed(
    assessments, dave_client, django_capture_on_commit_callbacks, monkeypatch, tmp_path
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken_row(assessment: Any) -> list[Any]:
        raise RuntimeError("disk full")

    from liaison.transfers import exports

    monkeypatch.setattr(
        exports,
        "ASSESSMENT_EXPORT",
        exports.ASSESSMENT_EXPORT.__class__(
            **{**exports.ASSESSMENT_EXPORT.__dict__, "row": broken_row}
        ),
    )
    # In the queue's synchronous (test) mode a failing job raises where it is queued.
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        dave_client.post(EXPORT_URL)
    export = Export.objects.get()
    assert export.status == "failed"
    assert "RuntimeError" in export.error and "disk full" not in export.error
    assert not export_storage().exists(export.file_key)
    assert not list(tmp_path.iterdir()), "the scratch copy is removed too"
    assert AccessLogEntry.objects.count() == 0


def test_filters_that_no_longer_hold_fail_the_export_instead_of_widening_it(assessments, dave):
    """Asked for one partner's assessments; the partner is gone by the time the worker runs:
    the file is not written with every partner's rows."""
    from liaison.exports.services import export_write
    from liaison.transfers.exports import ASSESSMENT_EXPORT

    export = Export.objects.create(
        user=dave, kind=ASSESSMENT_EXPORT.key, query="partner=GONE", rows_expected=1
    )

    export_write(str(export.pk))

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "no longer hold" in export.error
    assert not AccessLogEntry.objects.filter(action="export").exists()
    assert not export_storage().exists(export.file_key)
