"""Your exports: the list, one export's progress (polled by htmx), its download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views import View

from liaison.core.csv_export import CONTENT_TYPES, FORMATS
from liaison.core.models import AccessAction
from liaison.core.permissions import user_can
from liaison.core.services import access_record
from liaison.core.views import ObjectListView, is_htmx
from liaison.exports.kinds import export_kind
from liaison.exports.models import Export
from liaison.exports.responses import export_job_response, export_response
from liaison.exports.services import export_downloadable, export_storage

SHOWN = 50


def _own_export(request: HttpRequest, pk: Any) -> Export:
    """Another person's export does not exist for you, administrators included."""
    return get_object_or_404(Export, pk=pk, user=request.user.pk)


def _title(export: Export) -> Any:
    try:
        return export_kind(export.kind).title
    except LookupError:
        return export.kind


class ExportListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        exports = list(Export.objects.filter(user=request.user.pk)[:SHOWN])
        return render(
            request,
            "exports/export_list.html",
            {"exports": [(export, _title(export)) for export in exports]},
        )


class ExportDetailView(LoginRequiredMixin, View):
    """The progress page; while the file is being written, htmx asks again every 2 s for
    the progress part only."""

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        export = _own_export(request, pk)
        template = (
            "exports/export_progress.html" if is_htmx(request) else "exports/export_detail.html"
        )
        response = render(request, template, {"export": export, "title": _title(export)})
        patch_vary_headers(response, ["HX-Request"])
        add_never_cache_headers(response)
        return response


class ExportDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: Any) -> HttpResponseBase:
        export = _own_export(request, pk)
        kind = export_kind(export.kind)
        if not user_can(request.user, kind.permission_action, kind.model):
            raise PermissionDenied
        if not export_downloadable(export=export, user=request.user):
            raise Http404("This export is not ready, has expired or is not yours.")
        # The rows were logged as exported when the file was written; this logs the download.
        access_record(
            user=request.user, objects=[export], request=request, action=AccessAction.EXPORT
        )
        response = FileResponse(
            export_storage().open(export.file_key, "rb"),
            as_attachment=True,
            filename=export.file_name(),
            content_type=CONTENT_TYPES.get(export.file_format, "application/octet-stream"),
        )
        add_never_cache_headers(response)
        return response


class ListExportView(ObjectListView):
    """Any list as CSV or XLSX, under the list's filters (its query string): the kind of
    export, from the address, says which records, columns and permission. A GET sends the
    file (or offers a background export when it is large); a POST asks for the background
    export."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        try:
            self.kind = export_kind(kwargs["kind"])
        except LookupError:
            raise Http404("No such export.") from None
        self.file_format = kwargs["file_format"]
        if self.file_format not in FORMATS:
            raise Http404("No such export format.")
        self.filterset_class = self.kind.filterset_class
        self.permission_action = self.kind.permission_action

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not hasattr(self, "kind"):  # setup() refused the address
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def permission_model(self) -> type[Model]:
        return self.kind.model

    def get_queryset(self) -> QuerySet[Any]:
        return self.kind.queryset(self.request.user, self.request.GET)

    def records(self) -> QuerySet[Any] | None:
        filterset = self.get_filterset(self.filterset_class)
        if self.ignored_filters:
            return None
        return filterset.qs.order_by(*self.kind.ordering)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        records = self.records()
        if records is None:
            return self.bad_filters_response()
        return export_response(
            request=request, kind=self.kind, records=records, file_format=self.file_format
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        records = self.records()
        if records is None:
            return self.bad_filters_response()
        return export_job_response(
            request=request, kind=self.kind, records=records, file_format=self.file_format
        )
