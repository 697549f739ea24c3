"""Generic views that app views only configure, and the home page."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from liaison.core.filtersets import parse_as_of
from liaison.core.permissions import user_can


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class PermissionRequiredMixin:
    """Refuses the request unless `user_can(user, permission_action, model)`."""

    permission_action = "view"

    def permission_model(self) -> type[Model]:
        return self.queryset.model  # type: ignore[attr-defined]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_can(request.user, self.permission_action, self.permission_model()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class AsOfMixin:
    """Reads `as_of` (YYYY-MM-DD) from the query string: the date statuses are computed on.

    A malformed date is set aside with a message, and statuses are shown for today;
    the other filters still apply."""

    request: HttpRequest

    @cached_property
    def as_of(self) -> datetime.date | None:
        try:
            return parse_as_of(self.request.GET.get("as_of"))
        except ValueError:
            return None

    @cached_property
    def as_of_error(self) -> str:
        raw = self.request.GET.get("as_of", "")
        if raw and self.as_of is None:
            return _(
                "“%(value)s” is not a date written YYYY-MM-DD: statuses are shown for today."
            ) % {"value": raw}
        return ""

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(filterset_class)  # type: ignore[misc]
        if self.as_of_error and kwargs.get("data") is not None:
            data = kwargs["data"].copy()
            data.pop("as_of", None)
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["as_of"] = self.as_of
        context["as_of_error"] = self.as_of_error
        return context


class ObjectListView(PermissionRequiredMixin, FilterView):
    """A filtered, paginated list; an htmx request gets only the results part."""

    paginate_by = 50
    results_template_name: str = ""

    def get_template_names(self) -> list[str]:
        if is_htmx(self.request) and self.results_template_name:
            return [self.results_template_name]
        return super().get_template_names()

    def get_paginate_by(self, queryset: QuerySet[Any]) -> int:
        return self.paginate_by


class ObjectDetailView(PermissionRequiredMixin, DetailView):
    pass
