from __future__ import annotations

from django.db.models import Count

from liaison.core.views import ObjectDetailView, ObjectListView
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.models import Source


class SourceListView(ObjectListView):
    queryset = Source.objects.annotate(citation_count=Count("citations"))
    filterset_class = SourceFilterSet
    template_name = "sources/source_list.html"
    results_template_name = "sources/source_results.html"


class SourceDetailView(ObjectDetailView):
    queryset = Source.objects.annotate(citation_count=Count("citations"))
    slug_field = "key"
    slug_url_kwarg = "key"
    template_name = "sources/source_detail.html"
