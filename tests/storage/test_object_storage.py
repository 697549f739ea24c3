"""LIAISON_STORAGE=s3: documents attached to sources and background export files live in a
private bucket of an S3-compatible server (moto's, over real HTTP here), reached only
through Liaison's views with the same permission checks and access log as on disk."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from config.settings import s3_storage_options
from conftest import make_persona
from liaison.core.models import AccessLogEntry
from liaison.core.testing.s3 import S3Endpoint, free_port, s3_server
from liaison.exports.models import Export
from liaison.exports.services import export_storage, exports_expire
from liaison.exports.tests.conftest import csv_rows
from liaison.instruments.testing.factories import SourceFactory
from liaison.sources.models import SourceAttachment

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXPORT_URL = "/transfer-assessments/export.csv"
PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Endpoint]:
    # Not 8120-8123: scripts/cluster's ports, which the cluster test (same run) needs free.
    with s3_server(port=free_port(8130, 8139), bucket="liaison-storage-tests") as endpoint:
        yield endpoint


@pytest.fixture
def on_s3(s3: S3Endpoint, settings: Any, monkeypatch: Any) -> S3Endpoint:
    """Liaison's storages as LIAISON_STORAGE=s3 makes them, pointed at the test bucket."""
    for name, value in s3.environment().items():
        monkeypatch.setenv(name, value)
    backend = "storages.backends.s3.S3Storage"
    settings.STORAGES = {
        "default": {"BACKEND": backend, "OPTIONS": s3_storage_options("documents")},
        "exports": {"BACKEND": backend, "OPTIONS": s3_storage_options("exports")},
        "imports": {"BACKEND": backend, "OPTIONS": s3_storage_options("imports")},
        "staticfiles": django_settings.STORAGES["staticfiles"],
    }
    return s3


def keys(s3: S3Endpoint, prefix: str) -> set[str]:
    listing = s3.client().list_objects_v2(Bucket=s3.bucket, Prefix=prefix)  # type: ignore[attr-defined]
    return {item["Key"] for item in listing.get("Contents", [])}


def assert_private(s3: S3Endpoint, key: str) -> None:
    acl = s3.client().get_object_acl(Bucket=s3.bucket, Key=key)  # type: ignore[attr-defined]
    grantees = {grant["Grantee"].get("URI") for grant in acl["Grants"]}
    assert not grantees & PUBLIC_GROUPS, acl["Grants"]


def client_as(django_user_model: Any, name: str) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    return client


def test_the_server_is_a_real_http_s3_endpoint(on_s3):
    default_storage.save("probe/hello.txt", SimpleUploadedFile("hello.txt", b"hello"))
    # Liaison's storage talks to the endpoint over HTTP; the server lists what it keeps.
    assert default_storage.connection.meta.client.meta.endpoint_url == on_s3.url  # type: ignore[attr-defined]
    with urllib.request.urlopen(f"{on_s3.url}/{on_s3.bucket}?prefix=documents/probe/") as answer:  # noqa: S310 (a local test server)
        listing = answer.read().decode()
    assert "<ListBucketResult" in listing and "documents/probe/hello.txt" in listing


def test_a_document_goes_to_the_bucket_privately_and_is_read_through_the_other_door(
    on_s3, django_user_model
):
    source = SourceFactory(key="council-decision-2024-2704")
    alice = client_as(django_user_model, "alice")
    alice.post(
        reverse("sources:source_attachment_add", kwargs={"key": source.key}),
        {"file": SimpleUploadedFile("decision.pdf", PDF)},
    )
    attachment = SourceAttachment.objects.get()
    key = f"documents/{attachment.file.name}"
    assert key in keys(on_s3, f"documents/sources/{source.pk}/")
    assert_private(on_s3, key)
    assert not (django_settings.MEDIA_ROOT / attachment.file.name).exists()

    url = attachment.get_absolute_url()
    response = client_as(django_user_model, "bob").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    assert client_as(django_user_model, "nora").get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page

    # An object gone from the bucket is a 404 that says so, not a server error.
    on_s3.client().delete_object(Bucket=on_s3.bucket, Key=key)  # type: ignore[attr-defined]
    missing = client_as(django_user_model, "carol").get(url)
    assert missing.status_code == 404


def test_an_export_file_is_kept_in_the_bucket_for_its_owner_only(
    on_s3, assessments, dave, django_user_model, django_capture_on_commit_callbacks, settings
):
    settings.EXPORT_MAX_ROWS_INLINE = 3
    dave_client = Client()
    dave_client.force_login(dave)
    with django_capture_on_commit_callbacks(execute=True):
        assert dave_client.post(EXPORT_URL).status_code == 303
    export = Export.objects.get()
    export.refresh_from_db()
    assert export.status == "ready"
    key = f"exports/{export.file_key}"
    assert keys(on_s3, "exports/") >= {key}
    assert_private(on_s3, key)
    assert export.size == len(export_storage().open(export.file_key).read())
    # The rows were logged as exported when the file was written, as on disk.
    assert AccessLogEntry.objects.filter(username="dave", action="export").count() == 5

    download = f"/exports/{export.pk}/download/"
    response = dave_client.get(download)
    assert response.status_code == 200
    assert len(csv_rows(b"".join(response.streaming_content).decode())) == 5
    assert AccessLogEntry.objects.filter(
        username="dave", object_id=str(export.pk), action="export"
    ).exists()
    erin = client_as(django_user_model, "erin")
    assert erin.get(download).status_code == 404  # not hers, administrator or not

    exports_expire(now=export.expires_at)
    assert key not in keys(on_s3, "exports/")
    assert dave_client.get(download).status_code == 404


def test_s3_settings_that_cannot_work_stop_the_start_with_a_clear_message(monkeypatch):
    monkeypatch.delenv("LIAISON_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="needs LIAISON_S3_BUCKET"):
        s3_storage_options("documents")
    monkeypatch.setenv("LIAISON_S3_BUCKET", "liaison")
    monkeypatch.setenv("LIAISON_S3_ENDPOINT_URL", "minio.internal:9000")
    with pytest.raises(ImproperlyConfigured, match="must start with https://"):
        s3_storage_options("documents")
    monkeypatch.setenv("LIAISON_S3_ENDPOINT_URL", "https://minio.internal:9000")
    options = s3_storage_options("exports")
    assert (options["location"], options["default_acl"]) == ("exports", "private")


def test_an_export_failing_after_its_upload_leaves_no_object_in_the_bucket_and_no_log(
    on_s3, assessments, dave, django_capture_on_commit_callbacks, settings, monkeypatch
):
    """The file is stored, then the connection breaks before the export is marked ready:
    the object is deleted again and the rows' access-log entries are rolled back."""
    from storages.backends.s3 import S3Storage

    stored_when_it_broke: list[bool] = []

    def broken_size(storage: Any, name: str) -> int:
        stored_when_it_broke.append(storage.exists(name))
        raise ConnectionError("the storage went away")

    monkeypatch.setattr(S3Storage, "size", broken_size)
    settings.EXPORT_MAX_ROWS_INLINE = 3
    dave_client = Client()
    dave_client.force_login(dave)
    before = keys(on_s3, "exports/")
    # In the queue's synchronous (test) mode a failing job raises where it is queued.
    with pytest.raises(ConnectionError), django_capture_on_commit_callbacks(execute=True):
        dave_client.post(EXPORT_URL)
    export = Export.objects.get()
    assert export.status == "failed" and "ConnectionError" in export.error
    assert stored_when_it_broke == [True]
    assert keys(on_s3, "exports/") == before
    assert not AccessLogEntry.objects.filter(action="export").exists()


def test_an_import_preview_is_kept_in_the_bucket_so_another_instance_can_confirm_it(
    on_s3, django_user_model
):
    import io

    from django.core.exceptions import ValidationError

    from liaison.exports.importing import import_confirm, import_kind, import_preview

    alice = make_persona(django_user_model, "alice")
    header = "Partner code,Name,Organisation,Kind of appointing body,Appointed by,Appointed on"
    upload = io.BytesIO(f"{header}\r\nRS,Someone,Ministry,country,Ministry,2024-01-01\r\n".encode())
    record, _report = import_preview(
        kind=import_kind("contact-points"), source=upload, name="points.csv", user=alice
    )
    key = f"imports/{record.file_key}"
    assert key in keys(on_s3, "imports/")
    assert_private(on_s3, key)
    assert not (django_settings.IMPORT_ROOT / record.file_key).exists()

    # Confirmation reads the kept file back from the bucket: gone from it, it is refused.
    on_s3.client().delete_object(Bucket=on_s3.bucket, Key=key)  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="upload it again"):
        import_confirm(record=record, user=alice)
