from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from liaison.core.api.views import LiaisonModelViewSet
from liaison.instruments.api.serializers import InstrumentSerializer
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.models import Instrument
from liaison.instruments.selectors import instrument_detail

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Compute statuses on this date (YYYY-MM-DD) instead of today.",
)


# Lists take as_of from their filter set; the detail needs it declared.
@extend_schema_view(retrieve=extend_schema(parameters=[AS_OF]))
class InstrumentViewSet(LiaisonModelViewSet):
    """Instruments of cooperation with their dated events and sources.

    Create one with its citations and at least one event; later changes to events go
    through the lifecycle (not part of this endpoint)."""

    queryset = Instrument.objects.all()
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    history_children = {"instruments.instrumentevent": "instrument"}

    def get_queryset(self) -> QuerySet[Any]:
        return instrument_detail(on=self.as_of).order_by("partner__name", "type", "key")
