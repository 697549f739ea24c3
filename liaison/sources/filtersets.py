from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.sources.choices import DocumentType
from liaison.sources.models import Source


class SourceFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    document_type = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=DocumentType.choices, label=_("Document type")
    )

    class Meta:
        model = Source
        fields = ["search", "document_type"]

    def filter_search(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(issuer__icontains=word) | Q(key__icontains=word)
            )
        return queryset
