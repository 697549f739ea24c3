"""Reads of provenance records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Model, Prefetch, QuerySet

from liaison.core.querysets import attach_rows, with_deferred_relation_filter
from liaison.sources.models import Citation, Source


def citations_prefetch(prefix: str = "") -> Any:
    """Citations with their sources, for any model that has `citations`."""
    return Prefetch(
        f"{prefix}citations",
        queryset=with_deferred_relation_filter(Citation.objects.select_related("source")),
    )


def citations_attach(objects: Sequence[Model]) -> None:
    """Attaches their citations, with their sources, to objects of one model, in one query
    (as plain lists read by the API's serializers: see `attach_rows`)."""
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    citations = Citation.objects.select_related("source").filter(content_type=content_type)
    attach_rows(objects, name="citations", queryset=citations, owner="object_id")


def source_list() -> QuerySet[Source]:
    """Sources by title, each with the number of facts that cite it."""
    return Source.objects.annotate(citation_count=Count("citations")).order_by("title", "key")


def citations_of_source(*, source: Source) -> QuerySet[Citation]:
    """What the register rests on this source for, each kind of cited record fetched in bulk."""
    # Imported here: the cited apps build on this one, not the other way round.
    from liaison.instruments.models import Instrument, InstrumentEvent
    from liaison.partners.models import Partner, Region

    return (
        source.citations.select_related("content_type")
        .prefetch_related(
            GenericPrefetch(
                "cited_object",
                [
                    Partner.objects.all(),
                    Region.objects.all(),
                    Instrument.objects.all(),
                    InstrumentEvent.objects.select_related("instrument"),
                ],
            )
        )
        .order_by("content_type__model", "object_id", "pk")
    )


def _cited_models() -> list[Any]:
    from liaison.instruments.models import Instrument, InstrumentEvent
    from liaison.partners.models import Partner, Region

    return [Partner, Region, Instrument, InstrumentEvent]


def facts_without_source() -> list[tuple[str, list[Any]]]:
    """Records of each cited kind that cite no source at all, for those who keep the register
    clean (one query per kind of record)."""
    groups = []
    for model in _cited_models():
        queryset = model.objects.filter(citations__isnull=True)
        if model.__name__ == "InstrumentEvent":
            queryset = queryset.select_related("instrument")
        groups.append((str(model._meta.verbose_name_plural), list(queryset.order_by("pk"))))
    return groups


def unverified_citations() -> QuerySet[Citation]:
    """Citations not checked against the document they point to, with what they support."""
    from liaison.instruments.models import Instrument, InstrumentEvent
    from liaison.partners.models import Partner, Region

    return (
        Citation.objects.filter(confidence="unverified")
        .select_related("source", "content_type")
        .prefetch_related(
            GenericPrefetch(
                "cited_object",
                [
                    Partner.objects.all(),
                    Region.objects.all(),
                    Instrument.objects.all(),
                    InstrumentEvent.objects.select_related("instrument"),
                ],
            )
        )
        .order_by("source__title", "content_type__model", "object_id", "pk")
    )
