from __future__ import annotations

from liaison.core.views import ObjectDetailView, ObjectListView
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.selectors import source_list


class SourceListView(ObjectListView):
    queryset = source_list()
    filterset_class = SourceFilterSet
    template_name = "sources/source_list.html"
    results_template_name = "sources/source_results.html"


class SourceDetailView(ObjectDetailView):
    queryset = source_list()
    slug_field = "key"
    slug_url_kwarg = "key"
    template_name = "sources/source_detail.html"
