"""Filters of the case and exchange lists (web and API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.cases.choices import CaseStatus, CrimeArea, Direction, ExchangeKind, Outcome
from liaison.cases.models import Case, Exchange
from liaison.core.dates import date_within_bounds, today
from liaison.core.filtersets import AS_OF_FIELD

DATE = {
    "widget": forms.DateInput(attrs={"type": "date"}),
    "input_formats": AS_OF_FIELD.input_formats,
    "validators": [date_within_bounds],
}


class CaseFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("CMS reference or words of the title."),
    )
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    crime_area = django_filters.ChoiceFilter(
        choices=CrimeArea.choices, method="filter_crime_area", label=_("Crime area")
    )
    partner = django_filters.CharFilter(
        method="filter_partner", label=_("Partner code"), help_text=_("E.g. RS or INTERPOL.")
    )
    member_state = django_filters.CharFilter(
        method="filter_member_state", label=_("Member State"), help_text=_("E.g. SE.")
    )
    opened_from = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="gte", label=_("Opened from"), **DATE
    )
    opened_to = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="lte", label=_("Opened until"), **DATE
    )
    demo = django_filters.BooleanFilter(
        label=_("Demo cases"),
        help_text=_("Fictitious cases are left out unless asked for."),
        method="filter_demo",
    )

    class Meta:
        model = Case
        fields = ["search", "status", "crime_area", "partner", "member_state"]

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # Always bound, so that demo cases stay out of a list asked for without filters.
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(cms_reference__icontains=word) | Q(title__icontains=word))
        return queryset

    def filter_crime_area(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # The codes are stored as a JSON list; the quotes keep "fraud" from matching "vat_fraud".
        return queryset.filter(crime_areas__icontains=f'"{value}"')

    def filter_member_state(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        code = value.strip().upper()[:2]
        return queryset.filter(member_states__icontains=f'"{code}"')

    def filter_partner(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        involved = Case.objects.filter(partners__code__iexact=value.strip()).values("pk")
        return queryset.filter(pk__in=involved)

    def filter_demo(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        return queryset  # applied in filter_queryset, so that absent means "real only"

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("demo"):
            queryset = queryset.filter(demo=False)
        return queryset


class ExchangeFilterSet(django_filters.FilterSet):
    partner = django_filters.CharFilter(
        field_name="partner__code", lookup_expr="iexact", label=_("Partner code")
    )
    case = django_filters.CharFilter(
        field_name="case__cms_reference", label=_("CMS reference of the case")
    )
    kind = django_filters.ChoiceFilter(choices=ExchangeKind.choices, label=_("Kind"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    status = django_filters.ChoiceFilter(
        field_name="outcome", choices=Outcome.choices, label=_("Status (outcome)")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue"), help_text=_("Deadline passed, no answer.")
    )
    sent_from = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="gte", label=_("Sent from"), **DATE
    )
    sent_to = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="lte", label=_("Sent until"), **DATE
    )
    officer = django_filters.CharFilter(
        field_name="case__officer__username", label=_("Case officer (user name)")
    )

    class Meta:
        model = Exchange
        fields = ["partner", "kind", "direction", "status", "overdue", "sent_from", "sent_to"]

    def filter_overdue(
        self, queryset: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return queryset
        late = Exchange.objects.overdue(today()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)
