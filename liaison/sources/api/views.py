from __future__ import annotations

from django.db.models import Count

from liaison.core.api.views import LiaisonModelViewSet
from liaison.sources.api.serializers import SourceSerializer
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.models import Source


class SourceViewSet(LiaisonModelViewSet):
    """Documents the register's facts come from."""

    queryset = Source.objects.annotate(citation_count=Count("citations")).order_by("title")
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
