from __future__ import annotations

from typing import Any

from liaison.core.views import ObjectDetailView, ObjectListView
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.selectors import citations_of_source, source_list


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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["citations"] = citations_of_source(source=self.object)
        return context
