"""Writes of provenance records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from liaison.sources.attachments import attachment_kind
from liaison.sources.choices import Confidence
from liaison.sources.models import Citation, Source, SourceAttachment


@dataclass(frozen=True)
class CitationInput:
    source: Source
    location: str = ""
    confidence: str = Confidence.CHECKED


# What a person may give when recording a source (the seed file is the loader's).
SOURCE_FIELDS = ("key", "title", "issuer", "document_type", "date", "date_precision", "url")


@transaction.atomic
def source_create(*, data: dict[str, Any]) -> Source:
    """Record a source from the web or the API: the model's rules checked (a unique key, a
    date within bounds, a known document type), ValidationError when one fails."""
    source = Source(
        **{name: value for name, value in data.items() if name in {*SOURCE_FIELDS, "seed_file"}}
    )
    if source.url is None:
        source.url = ""
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def citations_add(*, cited: models.Model, citations: Iterable[CitationInput]) -> list[Citation]:
    """Attach citations to any saved object."""
    content_type = ContentType.objects.get_for_model(cited)
    created = []
    for data in citations:
        citation = Citation(
            source=data.source,
            location=data.location,
            confidence=data.confidence,
            content_type=content_type,
            object_id=cited.pk,
        )
        citation.full_clean()
        citation.save()
        created.append(citation)
    return created


@transaction.atomic
def source_attachment_add(*, source: Source, upload: Any, user: Any) -> SourceAttachment:
    """Keep a copy of the source's document: a PDF, DOCX, ODT, TXT, PNG or JPEG whose
    content matches its name, no larger than LIAISON_MAX_UPLOAD_MB."""
    limit = settings.MAX_UPLOAD_MB * 1_000_000
    if upload.size is not None and upload.size > limit:
        content = b"x" * (limit + 1)  # refused below without reading it all
    else:
        content = upload.read(limit + 1)
    name = (upload.name or "document").replace("/", "_").replace("\\", "_")[-255:]
    try:
        kind = attachment_kind(name=name, content=content, max_bytes=limit)
    except ValueError as error:
        raise ValidationError({"file": str(error)}) from error
    attachment = SourceAttachment(
        source=source,
        name=name,
        media_type=kind.media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    # Should the database refuse the row, the file must not stay behind.
    try:
        attachment.full_clean(exclude=["file"])
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
