"""Your exports: the list, one export's progress (polled by htmx), its download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views import View

from liaison.core.models import AccessAction
from liaison.core.permissions import EXPORT, user_can
from liaison.core.services import access_record
from liaison.core.views import is_htmx
from liaison.exports.kinds import export_kind
from liaison.exports.models import Export
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
        if not user_can(request.user, EXPORT, export_kind(export.kind).model):
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
            content_type="text/csv; charset=utf-8",
        )
        add_never_cache_headers(response)
        return response
