"""Filters shared by the partner list page and the partner API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import AsOfFilter
from liaison.instruments.choices import InstrumentStatus, InstrumentType
from liaison.instruments.models import Instrument
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner, Region


class PartnerFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Name, code or alias (e.g. Turkey, UAE, RS)."),
    )
    kind = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=PartnerKind.choices, label=_("Kind")
    )
    region = django_filters.ModelMultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple,
        field_name="regions__code",
        to_field_name="code",
        queryset=Region.objects.all(),
        label=_("Region"),
        distinct=True,
    )
    instrument_type = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple,
        choices=InstrumentType.choices,
        method="filter_noop",
        label=_("Instrument type"),
    )
    instrument_status = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple,
        choices=InstrumentStatus.choices,
        method="filter_noop",
        label=_("Instrument status"),
    )

    as_of = AsOfFilter()
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("code", "code"), ("kind", "kind")),
        field_labels={"name": _("Name"), "code": _("Code"), "kind": _("Kind")},
        label=_("Sort by"),
        empty_label=_("Name (default)"),
    )

    class Meta:
        model = Partner
        fields = [
            "search",
            "kind",
            "region",
            "instrument_type",
            "instrument_status",
            "as_of",
            "ordering",
        ]

    def filter_search(
        self, queryset: QuerySet[Partner], name: str, value: str
    ) -> QuerySet[Partner]:
        return queryset.search(value)  # type: ignore[attr-defined,no-any-return]

    def filter_noop(self, queryset: QuerySet[Partner], name: str, value: Any) -> QuerySet[Partner]:
        # Applied together in filter_queryset: type and status must hold for the same instrument.
        return queryset

    def filter_queryset(self, queryset: QuerySet[Partner]) -> QuerySet[Partner]:
        queryset = super().filter_queryset(queryset)
        types = self.form.cleaned_data.get("instrument_type")
        statuses = self.form.cleaned_data.get("instrument_status")
        if types or statuses:
            instruments = Instrument.objects.with_status(self.form.cleaned_data.get("as_of"))
            if types:
                instruments = instruments.filter(type__in=types)
            if statuses:
                instruments = instruments.filter(status__in=statuses)
            queryset = queryset.filter(pk__in=instruments.values("partner_id"))
        return queryset
