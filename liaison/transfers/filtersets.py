"""Filters shared by the register pages, its CSV export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import DayFilter
from liaison.partners.models import Partner
from liaison.transfers.choices import DataCategory, Decision, Route
from liaison.transfers.models import TransferAssessment


def _date_filter(label: Promise, *, until: bool) -> DayFilter:
    return DayFilter(label=label, field_name="assessed_at", until=until)


class TransferAssessmentFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("A partner's name or code, or the user name of who asked."),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Any"),
        help_text=_("A partner's code, e.g. RS."),
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=Decision.choices, empty_label=_("Any")
    )
    route = django_filters.ChoiceFilter(
        label=_("Primary legal basis"), choices=Route.choices, empty_label=_("Any")
    )
    data_category = django_filters.ChoiceFilter(
        label=_("Data category"), choices=DataCategory.choices, empty_label=_("Any")
    )
    requested_by = django_filters.CharFilter(
        label=_("Asked by"),
        field_name="requested_by_username",
        lookup_expr="iexact",
        help_text=_("A user name."),
    )
    assessed_after = _date_filter(_("Assessed from"), until=False)
    assessed_before = _date_filter(_("Assessed until"), until=True)

    class Meta:
        model = TransferAssessment
        fields: list[str] = []

    def filter_search(
        self, queryset: QuerySet[TransferAssessment], name: str, value: str
    ) -> QuerySet[TransferAssessment]:
        for word in value.split():
            queryset = queryset.filter(
                Q(partner__name__icontains=word)
                | Q(partner_code__iexact=word)
                | Q(requested_by_username__iexact=word)
            )
        return queryset


class SelfAssessedTransferFilterSet(django_filters.FilterSet):
    """The period of the self-assessed transfers to report."""

    assessed_after = _date_filter(_("Assessed from"), until=False)
    assessed_before = _date_filter(_("Assessed until"), until=True)

    class Meta:
        model = TransferAssessment
        fields: list[str] = []
