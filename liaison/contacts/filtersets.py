from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.contacts.choices import ContactPointStatus
from liaison.contacts.models import ContactPoint


class ContactPointFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Name, organisation or partner (name or code)."),
    )
    status = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=ContactPointStatus.choices, label=_("Status")
    )
    partner = django_filters.CharFilter(
        field_name="partner__code", lookup_expr="iexact", label=_("Partner code")
    )

    class Meta:
        model = ContactPoint
        fields = ["search", "status", "partner"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(organisation__icontains=word)
                | Q(partner__name__icontains=word)
                | Q(partner__code__iexact=word)
            )
        return queryset
