"""The source list as a spreadsheet: one row a source, with how many facts cite it."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import Column, label, table_export
from liaison.sources.choices import DocumentType
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.models import Source
from liaison.sources.selectors import source_list


def _sources(user: Any, data: QueryDict) -> Any:
    return source_list()


SOURCE_EXPORT = table_export(
    key="sources",
    title=_("Sources"),
    model=Source,
    filterset_class=SourceFilterSet,
    queryset=_sources,
    ordering=("title", "key"),
    columns=[
        Column(_("Key"), lambda s: s.key),
        Column(_("Title"), lambda s: s.title),
        Column(_("Issuer"), lambda s: s.issuer),
        Column(_("Document type"), lambda s: label(DocumentType.choices)(s.document_type)),
        Column(_("Date"), lambda s: s.date),
        Column(_("URL"), lambda s: s.url),
        Column(_("Facts citing it"), lambda s: s.citation_count),
    ],
)
