"""Filters shared by several apps."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.core.models import AccessAction, AccessLogEntry

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"})}

AS_OF_FIELD = forms.DateField(
    required=False, input_formats=["%Y-%m-%d"], validators=[date_within_bounds]
)


def parse_as_of(raw: str | None) -> datetime.date | None:
    """The `as_of` parameter (YYYY-MM-DD) as a date; None when absent.

    Raises ValueError when malformed. The filter forms use the same field, so a date is
    read the same way wherever it is given."""
    try:
        value: datetime.date | None = AS_OF_FIELD.clean(raw)
    except ValidationError as error:
        if any(item.code == "date_out_of_range" for item in error.error_list):
            raise ValueError(f"{raw!r}: {error.messages[0]}") from error
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
        kwargs.setdefault("validators", [date_within_bounds])
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the configured time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DayFilter(django_filters.DateFilter):
    """A day bound on a date-time field, as a half-open range in the configured time zone
    (from midnight; until the next midnight, excluded): an index on the field serves it,
    where a cast of every row to its date would not."""

    def __init__(self, *, until: bool = False, **kwargs: Any) -> None:
        self.until = until
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        kwargs.setdefault("input_formats", AS_OF_FIELD.input_formats)
        kwargs.setdefault("validators", [date_within_bounds])
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        if self.until:
            bound = day_start(value + datetime.timedelta(days=1))
            return qs.filter(**{f"{self.field_name}__lt": bound})
        return qs.filter(**{f"{self.field_name}__gte": day_start(value)})


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
    since = DayFilter(label=_("From"), field_name="at")
    until = DayFilter(label=_("To"), field_name="at", until=True)

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One index probe per record type, not a DISTINCT over the whole log.
        logged = AccessLogEntry.objects.filter(content_type=OuterRef("pk"))
        self.filters["content_type"].queryset = ContentType.objects.filter(Exists(logged))

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value)
            | Q(object_repr__icontains=value)
            | Q(request_id__iexact=value)
        )


def _audited_content_types() -> QuerySet[ContentType]:
    from liaison.core.history import audited_models

    models = audited_models()
    ids = [ContentType.objects.get_for_model(model).pk for model in models]
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


class _ContentTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model

    def to_python(self, value: Any) -> Any:
        # Also accept "app_label.model" (e.g. instruments.instrument), as the API does.
        if isinstance(value, str) and "." in value:
            app_label, _dot, model = value.partition(".")
            found = ContentType.objects.filter(
                pk__in=self.queryset.values("pk") if self.queryset is not None else [],
                app_label=app_label,
                model=model,
            ).first()
            if found is None:
                raise ValidationError(
                    _("“%(value)s” is not a record type of the register.") % {"value": value}
                )
            return found
        return super().to_python(value)


class ContentTypeChoiceFilter(django_filters.ModelChoiceFilter):
    """A record type, named as people know it ("instrument event", not a number)."""

    field_class = _ContentTypeField


class ChangeLogFilterSet(django_filters.FilterSet):
    """Filters of the change log: who, what kind of record (and which one), between which days."""

    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("A record's name or a request id."),
    )
    user = django_filters.CharFilter(label=_("User name"), method="filter_user")
    object_type = ContentTypeChoiceFilter(
        label=_("Record type"),
        field_name="content_type",
        queryset=ContentType.objects.none(),
        empty_label=_("Any"),
    )
    object_id = django_filters.NumberFilter(label=_("Record number"), field_name="object_id")
    action = django_filters.ChoiceFilter(
        label=_("Change"),
        choices=[(0, _("created")), (1, _("changed")), (2, _("deleted"))],
        empty_label=_("Any"),
    )
    since = DayFilter(label=_("From"), field_name="timestamp")
    until = DayFilter(label=_("To"), field_name="timestamp", until=True)

    class Meta:
        model = LogEntry
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["object_type"].queryset = _audited_content_types()

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(object_repr__icontains=value) | Q(cid__iexact=value))

    def filter_user(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """The user name, whatever its case, looked up among the accounts: the history is
        then filtered on the actor's id, which an index serves."""
        value = value.strip()
        if not value:
            return queryset
        users = get_user_model().objects.filter(username__iexact=value)
        return queryset.filter(actor_id__in=list(users.values_list("pk", flat=True)))
