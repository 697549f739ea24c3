from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.engagements.choices import EngagementKind
from liaison.engagements.models import Engagement, Project
from liaison.partners.models import Partner
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
        method="filter_dates",
        validators=[date_within_bounds],
        label=_("From"),
        help_text=_("Ending on or after this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        method="filter_dates",
        validators=[date_within_bounds],
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
        # The links are read by partner (their index) and united, so that the database
        # reads only that partner's engagements instead of testing every engagement. The
        # partner is looked up first: with its id written in the query, the planner knows
        # how many engagements it has, and for a busy partner walks the engagements newest
        # first instead of sorting all of its engagements for one page.
        partner = list(
            Partner.objects.filter(code__iexact=value.strip()).values_list("pk", flat=True)
        )
        involved = (
            Engagement.partners.through.objects.filter(partner_id__in=partner)
            .values("engagement_id")
            .union(
                Engagement.co_organisers.through.objects.filter(partner_id__in=partner).values(
                    "engagement_id"
                )
            )
        )
        return queryset.filter(pk__in=involved)

    def filter_dates(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # both dates are applied together in filter_queryset

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        start, end = self.form.cleaned_data.get("date_from"), self.form.cleaned_data.get("date_to")
        if start is None and end is None:
            return queryset
        return queryset.filter(dated_between(start, end))


def dated_between(start: datetime.date | None, end: datetime.date | None) -> Q:
    """Engagements that take place between `start` and `end` (either may be open): a one-off
    one overlaps the range; a yearly one began by `end` and has a day inside the range."""
    once = Q(recurs_yearly=False)
    yearly = Q(recurs_yearly=True)
    if start is not None:
        once &= Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start)
    if end is not None:
        once &= Q(start_date__lte=end)
        yearly &= Q(start_date__lte=end)
    if start is not None and end is not None and (end - start).days < 365:
        # Compare the day of the year as month * 100 + day, across New Year if need be.
        first, last = start.month * 100 + start.day, end.month * 100 + end.day
        day = Q(yearly_day__gte=first) & Q(yearly_day__lte=last)
        if first > last:
            day = Q(yearly_day__gte=first) | Q(yearly_day__lte=last)
        yearly_ids = (
            Engagement.objects.filter(yearly)
            .annotate(yearly_day=ExtractMonth("start_date") * 100 + ExtractDay("start_date"))
            .filter(day)
            .values("pk")
        )
        yearly = Q(pk__in=yearly_ids)
    return once | yearly
