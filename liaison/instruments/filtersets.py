"""Filters shared by the instrument list page and the instrument API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import AsOfFilter
from liaison.core.text import fold
from liaison.instruments.choices import InstrumentStatus, InstrumentType, ProposalStatus
from liaison.instruments.models import ChangeProposal, Instrument
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner, Region


class InstrumentFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Title, key, or the partner's name, code or alias."),
    )
    type = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=InstrumentType.choices, label=_("Type")
    )
    status = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=InstrumentStatus.choices, label=_("Status")
    )
    strategic = django_filters.BooleanFilter(
        label=_("Strategic"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )
    partner = django_filters.ModelMultipleChoiceFilter(
        field_name="partner__code",
        to_field_name="code",
        queryset=Partner.objects.all(),
        label=_("Partner"),
    )
    partner_kind = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple,
        field_name="partner__kind",
        choices=PartnerKind.choices,
        label=_("Partner kind"),
    )
    region = django_filters.ModelMultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple,
        field_name="partner__regions__code",
        to_field_name="code",
        queryset=Region.objects.all(),
        label=_("Region"),
        distinct=True,
    )

    as_of = AsOfFilter()
    ordering = django_filters.OrderingFilter(
        fields=(
            ("partner__name", "partner"),
            ("type", "type"),
            ("status", "status"),
            ("status_since", "since"),
        ),
        field_labels={
            "partner__name": _("Partner"),
            "type": _("Type"),
            "status": _("Status"),
            "status_since": _("Since"),
        },
        label=_("Sort by"),
        empty_label=_("Partner (default)"),
    )

    class Meta:
        model = Instrument
        fields = [
            "search",
            "type",
            "status",
            "strategic",
            "partner",
            "partner_kind",
            "region",
            "as_of",
            "ordering",
        ]

    def filter_search(
        self, queryset: QuerySet[Instrument], name: str, value: str
    ) -> QuerySet[Instrument]:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(key__icontains=word)
                | Q(partner__search_text__contains=fold(word))
            )
        return queryset


class ProposalFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=ProposalStatus.choices, label=_("Status"), empty_label=_("Any")
    )

    class Meta:
        model = ChangeProposal
        fields: list[str] = []
