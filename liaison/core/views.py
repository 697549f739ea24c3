"""Generic views that app views only configure."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from liaison.core.dates import today
from liaison.core.filtersets import parse_as_of
from liaison.core.forms import form_quick_selects
from liaison.core.history import history_of, history_read
from liaison.core.permissions import VIEW, holds_personal_data, user_can
from liaison.core.roles import user_has_role
from liaison.core.services import access_record
from liaison.core.text import whole_number


def is_htmx(request: HttpRequest) -> bool:
    """A request htmx makes to swap part of a page (not to restore a whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class PermissionRequiredMixin:
    """Refuses the request unless `user_can(user, permission_action, model)`."""

    permission_action = VIEW

    def permission_model(self) -> type[Model]:
        return self.queryset.model  # type: ignore[attr-defined]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_can(request.user, self.permission_action, self.permission_model()):
            if request.user.is_authenticated and not user_has_role(request.user):
                return render(request, "core/no_role.html", status=403)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def wants_demo(value: str | None) -> bool:
    """Whether a query-string flag (`include_demo=1`) asks to count demo records."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class IncludeDemoMixin:
    """Reads `include_demo=1` from the query string: figures leave demo records out unless
    it is given."""

    request: HttpRequest

    @cached_property
    def include_demo(self) -> bool:
        return wants_demo(self.request.GET.get("include_demo"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["include_demo"] = self.include_demo
        return context


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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["as_of"] = self.as_of
        context["as_of_error"] = self.as_of_error
        context["status_date"] = self.as_of or today()
        return context


class CappedCountPaginator(Paginator):
    """Counts the rows of a list up to `cap` (and one more, to know there are more): the
    count of a page of the change or access log then costs the same for a register of
    ten years as for a new one. Beyond the cap, a list says "more than" and its last
    pages are reached by narrowing the filters."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # Only the keys are read: annotations (an instrument's status) are computed for
            # the rows of the page, not for every row counted.
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return int(super().count)

    @property
    def counted_all(self) -> bool:
        return self.count <= self.cap

    def validate_number(self, number: Any) -> int:
        if self.counted_all:
            return int(super().validate_number(number))
        # Past the counted rows the last page is unknown: a page number beyond what the
        # database can skip (or not a number) goes to the first page instead of failing.
        return max(1, whole_number(number) or 1)

    def page(self, number: Any) -> Any:
        if self.counted_all:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list[bottom : bottom + self.per_page]
        return self._get_page(rows, number, self)  # type: ignore[attr-defined]


class ObjectListView(PermissionRequiredMixin, FilterView):
    """A filtered, paginated list; an htmx request gets only the results part."""

    paginate_by = 50
    paginator_class = CappedCountPaginator
    results_template_name: str = ""
    ignored_filters: list[tuple[str, str]] = []

    def get_filterset(self, filterset_class: Any) -> Any:
        """The filters as given, less those that are not understood (said on the page)."""
        filterset = super().get_filterset(filterset_class)
        if filterset.is_bound and not filterset.is_valid():
            errors = filterset.form.errors
            self.ignored_filters = [
                (str(filterset.form[name].label) if name in filterset.form.fields else "", error)
                for name, messages in errors.items()
                for error in messages
            ]
            kwargs = self.get_filterset_kwargs(filterset_class)
            kwargs["data"] = kwargs["data"].copy()
            for name in errors:
                kwargs["data"].pop(name, None)
            filterset = filterset_class(**kwargs)
        form_quick_selects(filterset.form)
        return filterset

    def bad_filters_response(self) -> HttpResponse:
        """For an export: a filter that is not understood is an error, not a wider file."""
        problems = "; ".join(
            f"{label}: {error}" if label else str(error) for label, error in self.ignored_filters
        )
        return HttpResponse(
            _("Nothing was exported: some filters are not understood (%(problems)s).")
            % {"problems": problems},
            status=400,
            content_type="text/plain; charset=utf-8",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["ignored_filters"] = self.ignored_filters
        if holds_personal_data(self.permission_model()):
            access_record(
                user=self.request.user, objects=context["object_list"], request=self.request
            )
        return context

    def get_template_names(self) -> list[str]:
        if is_htmx(self.request) and self.results_template_name:
            return [self.results_template_name]
        return super().get_template_names()

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        # The same address gives a whole page or only its results: caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


# A record's page shows its newest changes; the change log has them all (a record edited for
# ten years would otherwise fill its page with them).
HISTORY_SHOWN = 20


class ObjectDetailView(PermissionRequiredMixin, DetailView):
    """An object's page, with its history of changes (and its children's, if named): entries
    of personal-data records only for roles that may see them, and logged when shown."""

    # Child model label -> its foreign key to the object, e.g. events of an instrument.
    history_children: dict[str, str] = {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["history"] = list(
            history_of(
                self.object,
                children=self.history_children,
                limit=HISTORY_SHOWN,
                reader=self.request.user,
            )
        )
        context["history_shown"] = HISTORY_SHOWN if len(context["history"]) >= HISTORY_SHOWN else 0
        history_read(user=self.request.user, entries=context["history"], request=self.request)
        if user_can(self.request.user, VIEW, LogEntry):
            content_type = ContentType.objects.get_for_model(self.object)
            context["history_url"] = (
                reverse("change_log_list")
                + f"?object_type={content_type.app_label}.{content_type.model}"
                + f"&object_id={self.object.pk}"
            )
        return context

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if holds_personal_data(type(obj)):
            access_record(user=self.request.user, objects=[obj], request=self.request)
        return obj
