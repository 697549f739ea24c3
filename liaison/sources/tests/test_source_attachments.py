"""Documents attached to sources: kept on disk, served only to people who may read the
register, checked by name and content and size; bad files refused with a clear message."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import make_persona
from liaison.instruments.testing.factories import SourceFactory
from liaison.sources.models import SourceAttachment

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def source() -> Any:
    return SourceFactory(key="council-decision-2024-2704", title="Council Decision (EU) 2024/2704")


def client_as(django_user_model: Any, name: str) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    return client


def attach(client: Client, source: Any, name: str, content: bytes) -> str:
    response = client.post(
        reverse("sources:source_attachment_add", kwargs={"key": source.key}),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("decision.pdf", PDF, "application/pdf"),
        ("scan.PNG", PNG, "image/png"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("note.txt", "Décision du Conseil".encode(), "text/plain; charset=utf-8"),
        (
            "memo.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("memo.odt", odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_an_officer_attaches_a_document_that_readers_download(
    django_user_model, source, name, content, media_type
):
    page = attach(client_as(django_user_model, "alice"), source, name, content)
    assert f"“{name}” is attached." in page
    attachment = SourceAttachment.objects.get()
    assert (attachment.media_type, attachment.size) == (media_type, len(content))
    response = client_as(django_user_model, "bob").get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == media_type
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "is not a kind of document Liaison keeps"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "is named like a PDF but its content is not one"),
        (
            "fake.docx",
            b"PK\x03\x04garbage",
            "is named like a Word (DOCX) but its content is not one",
        ),
        ("binary.txt", b"\x00\x01\x02", "is named like a plain text (TXT)"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    django_user_model, source, name, content, message
):
    page = attach(client_as(django_user_model, "alice"), source, name, content)
    assert message in page
    assert not SourceAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(django_user_model, source, settings):
    settings.MAX_UPLOAD_MB = 1
    page = attach(client_as(django_user_model, "alice"), source, "big.pdf", PDF + b"0" * 1_000_001)
    assert "a document may be at most 1 MB" in page
    assert not SourceAttachment.objects.exists()


def test_only_people_who_may_read_the_register_get_the_file(django_user_model, source, client):
    attach(client_as(django_user_model, "alice"), source, "decision.pdf", PDF)
    url = SourceAttachment.objects.get().get_absolute_url()
    assert client.get(url).status_code == 302  # to the login page
    assert client_as(django_user_model, "nora").get(url).status_code == 403
    assert "/media/" not in url


def test_a_viewer_cannot_attach(django_user_model, source):
    bob = client_as(django_user_model, "bob")
    response = bob.post(
        reverse("sources:source_attachment_add", kwargs={"key": source.key}),
        {"file": SimpleUploadedFile("decision.pdf", PDF)},
    )
    assert response.status_code == 403
    assert not SourceAttachment.objects.exists()


def test_the_cleaning_views_list_facts_without_a_source_and_unverified_ones(
    bob_client, reference_data
):
    from liaison.instruments.testing.factories import InstrumentFactory

    orphan = InstrumentFactory(title="An instrument nobody sourced")
    page = bob_client.get(reverse("sources:facts_without_source")).content.decode()
    assert orphan.title in page
    # The list is paged (the adequacy decisions loaded unverified fill more than one page).
    pages = []
    for number in (1, 2, 3):
        answer = bob_client.get(reverse("sources:unverified_facts"), {"page": number})
        if answer.status_code == 404:
            break
        pages.append(answer.content.decode())
    assert any("Trade and Cooperation Agreement" in page for page in pages)
