"""Filters shared by several apps."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.core.models import AccessAction, AccessLogEntry

AS_OF_FIELD = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


def parse_as_of(raw: str | None) -> datetime.date | None:
    """The `as_of` parameter (YYYY-MM-DD) as a date; None when absent.

    Raises ValueError when malformed. The filter forms use the same field, so a date is
    read the same way wherever it is given."""
    try:
        value: datetime.date | None = AS_OF_FIELD.clean(raw)
    except ValidationError as error:
        raise ValueError(f"{raw!r} is not a date written YYYY-MM-DD") from error
    return value


class AsOfFilter(django_filters.DateFilter):
    """The date on which statuses are computed (default today).

    It filters nothing itself: the view builds its queryset for that date, and the form
    validates the value and shows it back."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Status on"))
        kwargs.setdefault("help_text", _("Show statuses on another date (default: today)."))
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        kwargs.setdefault("input_formats", AS_OF_FIELD.input_formats)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs


class AccessLogFilterSet(django_filters.FilterSet):
    """Filters of the access log: who, what kind of record, which action, between which dates."""

    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("A user name, a record's name or a request id."),
    )
    username = django_filters.CharFilter(label=_("User name"), lookup_expr="iexact")
    content_type = django_filters.ModelChoiceFilter(
        label=_("Record type"),
        queryset=ContentType.objects.none(),
        empty_label=_("Any"),
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AccessAction.choices, empty_label=_("Any")
    )
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=AS_OF_FIELD.input_formats,
    )
    until = django_filters.DateFilter(
        label=_("To"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=AS_OF_FIELD.input_formats,
    )

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        logged = AccessLogEntry.objects.values("content_type").distinct()
        self.filters["content_type"].queryset = ContentType.objects.filter(pk__in=logged)

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value)
            | Q(object_repr__icontains=value)
            | Q(request_id__iexact=value)
        )
