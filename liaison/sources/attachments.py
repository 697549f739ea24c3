"""What a document attached to a source may be: its type, told by its name AND its first
bytes (a renamed executable is not a PDF), and its size."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DocumentKind:
    label: str
    media_type: str


KINDS: dict[str, DocumentKind] = {
    ".pdf": DocumentKind("PDF", "application/pdf"),
    ".docx": DocumentKind(
        "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ".odt": DocumentKind("OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text"),
    ".txt": DocumentKind("plain text (TXT)", "text/plain; charset=utf-8"),
    ".png": DocumentKind("PNG image", "image/png"),
    ".jpg": DocumentKind("JPEG image", "image/jpeg"),
    ".jpeg": DocumentKind("JPEG image", "image/jpeg"),
}
ODT_MEDIA_TYPE = b"application/vnd.oasis.opendocument.text"


def _zip_names(content: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _content_matches(extension: str, content: bytes) -> bool:
    if extension == ".pdf":
        return content.startswith(b"%PDF-")
    if extension == ".png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if extension == ".docx":
        names = _zip_names(content) if content.startswith(b"PK\x03\x04") else None
        return names is not None and {"word/document.xml", "[Content_Types].xml"} <= set(names)
    if extension == ".odt":
        # The ODF standard puts an uncompressed "mimetype" entry first in the archive.
        return (
            content.startswith(b"PK\x03\x04")
            and content[30:38] == b"mimetype"
            and ODT_MEDIA_TYPE in content[:200]
            and _zip_names(content) is not None
        )
    if extension == ".txt":
        if b"\x00" in content:
            return False
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def attachment_kind(*, name: str, content: bytes, max_bytes: int) -> DocumentKind:
    """The kind of document `content` is; ValueError with a message a person can act on."""
    extension = PurePath(name).suffix.lower()
    allowed = ", ".join(sorted({kind.label for kind in KINDS.values()}))
    if extension not in KINDS:
        raise ValueError(
            _("“%(name)s” is not a kind of document Liaison keeps. Attach one of: %(allowed)s.")
            % {"name": name, "allowed": allowed}
        )
    if not content:
        raise ValueError(_("“%(name)s” is empty.") % {"name": name})
    if len(content) > max_bytes:
        raise ValueError(
            _("“%(name)s” is %(size).1f MB; a document may be at most %(limit)d MB.")
            % {"name": name, "size": len(content) / 1_000_000, "limit": max_bytes // 1_000_000}
        )
    kind = KINDS[extension]
    if not _content_matches(extension, content):
        raise ValueError(
            _(
                "“%(name)s” is named like a %(kind)s but its content is not one: it was not "
                "attached. Save it again as a real %(kind)s."
            )
            % {"name": name, "kind": kind.label}
        )
    return kind
