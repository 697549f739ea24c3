"""Reads of provenance records."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from liaison.sources.models import Citation, Source


def citations_prefetch(prefix: str = "") -> Any:
    """Citations with their sources, for any model that has `citations`."""
    return Prefetch(f"{prefix}citations", queryset=Citation.objects.select_related("source"))


def source_list() -> QuerySet[Source]:
    """Sources by title, each with the number of facts that cite it."""
    return Source.objects.annotate(citation_count=Count("citations")).order_by("title", "key")
