from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from liaison.contacts.choices import ContactPointStatus
from liaison.contacts.models import ContactPoint
from liaison.partners.models import Partner


class ContactPointFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Name, organisation or partner (name or code)."),
    )
    status = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=ContactPointStatus.choices, label=_("Status")
    )
    partner = django_filters.CharFilter(method="filter_partner", label=_("Partner code"))

    class Meta:
        model = ContactPoint
        fields = ["search", "status", "partner"]

    def filter_partner(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # Codes are upper case: an exact match serves the code's index where UPPER() did
        # not. The partner's id as a parameter, and its contact points newest first (the
        # list's order within one partner), let their (partner, -appointed_on, id) index
        # give the page in order instead of sorting all of a busy partner's contact points.
        partner = Partner.objects.filter(code=value.strip().upper()).order_by().values("pk")[:1]
        return queryset.filter(partner_id=Subquery(partner)).order_by("-appointed_on", "pk")

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(organisation__icontains=word)
                | Q(partner__name__icontains=word)
                | Q(partner__code__iexact=word)
            )
        return queryset
