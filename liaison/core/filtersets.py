"""Filters shared by several apps."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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
