"""Bulk import on the web: choose the kind and the file, see the preview (what would be
created, changed or refused, every problem by row and column), then confirm."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from liaison.core.spreadsheet_import import (
    CHANGE,
    CREATE,
    UNCHANGED,
    ImportFileError,
    ImportKind,
    ImportReport,
)
from liaison.exports.importing import (
    import_confirm,
    import_kind,
    import_kinds_for,
    import_preview,
)
from liaison.exports.models import Import


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"))
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv (UTF-8) or .xlsx file; the first sheet of a workbook is read."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, kinds: list[ImportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.key, kind.title) for kind in kinds]  # type: ignore[attr-defined]


def _kinds_or_refuse(request: HttpRequest) -> list[ImportKind]:
    kinds = import_kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    return kinds


def _counts(report: ImportReport) -> dict[str, int]:
    return {
        "created": report.count(CREATE),
        "changed": report.count(CHANGE),
        "unchanged": report.count(UNCHANGED),
        "refused": len(report.refused),
    }


class ImportStartView(LoginRequiredMixin, View):
    """The form (GET) and the preview of the file sent (POST)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        kinds = _kinds_or_refuse(request)
        form = ImportForm(kinds=kinds, initial={"kind": request.GET.get("kind")})
        return self.page(request, form, kinds)

    def page(
        self, request: HttpRequest, form: ImportForm, kinds: list[ImportKind], status: int = 200
    ) -> HttpResponse:
        context = {
            "form": form,
            "kinds": kinds,
            "max_bytes": settings.IMPORT_MAX_BYTES,
            "max_rows": settings.IMPORT_MAX_ROWS,
        }
        return render(request, "exports/import_form.html", context, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        kinds = _kinds_or_refuse(request)
        form = ImportForm(request.POST, request.FILES, kinds=kinds)
        if not form.is_valid():
            return self.page(request, form, kinds, status=400)
        kind = import_kind(form.cleaned_data["kind"])
        upload = form.cleaned_data["file"]
        try:
            record, report = import_preview(
                kind=kind, source=upload, name=upload.name, user=request.user
            )
        except ImportFileError as error:
            for problem in error.problems:
                form.add_error("file", problem)
            return self.page(request, form, kinds, status=400)
        return render(
            request,
            "exports/import_preview.html",
            {"record": record, "kind": kind, "report": report, "counts": _counts(report)},
        )


class ImportConfirmView(LoginRequiredMixin, View):
    """Import the previewed file (kept by its digest, never sent again by the browser)."""

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        record = get_object_or_404(Import, pk=pk, user=request.user.pk)
        kind = import_kind(record.kind)
        try:
            report = import_confirm(record=record, user=request.user)
        except ValidationError as error:
            return render(
                request,
                "exports/import_preview.html",
                {
                    "record": record,
                    "kind": kind,
                    "report": None,
                    "problem": " ".join(error.messages),
                },
                status=400,
            )
        status = 200 if report.committed else 400
        return render(
            request,
            "exports/import_preview.html",
            {"record": record, "kind": kind, "report": report, "counts": _counts(report)},
            status=status,
        )
