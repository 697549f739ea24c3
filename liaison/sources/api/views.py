from __future__ import annotations

from liaison.core.api.views import LiaisonModelViewSet
from liaison.sources.api.serializers import SourceSerializer
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.selectors import source_list


class SourceViewSet(LiaisonModelViewSet):
    """Documents the register's facts come from."""

    queryset = source_list().prefetch_related("attachments__source")
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
