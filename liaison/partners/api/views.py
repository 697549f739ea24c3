from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from liaison.core.api.views import LiaisonModelViewSet
from liaison.instruments.api.views import AS_OF
from liaison.partners.api.serializers import (
    PartnerDetailSerializer,
    PartnerSerializer,
    RegionSerializer,
)
from liaison.partners.filtersets import PartnerFilterSet
from liaison.partners.models import Partner, Region
from liaison.partners.selectors import partner_detail, partner_rows_attach
from liaison.sources.selectors import citations_prefetch


# Lists take as_of from their filter set; the detail needs it declared.
@extend_schema_view(retrieve=extend_schema(parameters=[AS_OF]))
class PartnerViewSet(LiaisonModelViewSet):
    """Countries, international organisations, judicial networks and EU bodies.

    Filter with `kind`, `region`, `instrument_type`, `instrument_status` (repeat a
    parameter for several values) and `search` (name, code or alias)."""

    queryset = Partner.objects.all()
    filterset_class = PartnerFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_serializer_class(self) -> type[PartnerSerializer]:
        return PartnerSerializer if self.action == "list" else PartnerDetailSerializer

    def get_queryset(self) -> QuerySet[Any]:
        on = self.as_of
        if self.action == "list":
            # The page's regions and instruments are attached once it is cut (below).
            return Partner.objects.order_by("name")
        return partner_detail(on=on).order_by("name")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if self.action == "list":
            partner_rows_attach(page or [], on=self.as_of)
        return page


class RegionViewSet(LiaisonModelViewSet):
    queryset = Region.objects.prefetch_related(citations_prefetch()).order_by("name")
    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
