"""Writes of provenance records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from liaison.sources.choices import Confidence
from liaison.sources.models import Citation, Source


@dataclass(frozen=True)
class CitationInput:
    source: Source
    location: str = ""
    confidence: str = Confidence.CHECKED


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
