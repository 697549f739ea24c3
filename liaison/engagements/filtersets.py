from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.engagements.choices import EngagementKind
from liaison.engagements.models import Engagement, Project
from liaison.strategy.models import KeyAction


class EngagementFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Words in the title, place or outcomes."),
    )
    kind = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=EngagementKind.choices, label=_("Kind")
    )
    partner = django_filters.CharFilter(
        method="filter_partner",
        label=_("Partner code"),
        help_text=_("Involved or co-organising, e.g. RS or WACAP."),
    )
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.order_by("name"), to_field_name="key", label=_("Project")
    )
    key_action = django_filters.ModelChoiceFilter(
        field_name="key_actions",
        queryset=KeyAction.objects.select_related("priority").order_by(
            "priority__number", "number"
        ),
        to_field_name="key",
        label=_("Key action served"),
    )
    date_from = django_filters.DateFilter(
        method="filter_date_from",
        label=_("From"),
        help_text=_("Ending on or after this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="lte",
        label=_("Until"),
        help_text=_("Starting on or before this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Engagement
        fields = ["search", "kind", "partner", "project", "key_action", "date_from", "date_to"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(place__icontains=word) | Q(outcomes__icontains=word)
            )
        return queryset

    def filter_partner(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # A subquery rather than joins: an engagement shows once however it involves them.
        code = value.strip()
        involved = Engagement.objects.filter(
            Q(partners__code__iexact=code) | Q(co_organisers__code__iexact=code)
        ).values("pk")
        return queryset.filter(pk__in=involved)

    def filter_date_from(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(
            Q(end_date__gte=value) | Q(end_date__isnull=True, start_date__gte=value)
        )
