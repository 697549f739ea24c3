from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from liaison.core.forms import form_add_service_error
from liaison.core.permissions import ADD
from liaison.core.views import ObjectDetailView, ObjectListView, PermissionRequiredMixin
from liaison.sources.filtersets import SourceFilterSet
from liaison.sources.forms import SourceForm
from liaison.sources.models import Citation, Source, SourceAttachment
from liaison.sources.selectors import (
    citations_of_source,
    facts_without_source,
    source_list,
    unverified_citations,
)
from liaison.sources.services import source_attachment_add, source_create


class SourceListView(ObjectListView):
    queryset = source_list()
    filterset_class = SourceFilterSet
    template_name = "sources/source_list.html"
    results_template_name = "sources/source_results.html"


class SourceCreateView(PermissionRequiredMixin, View):
    """Record a source from the web: the API's service, rules and permission (add source)."""

    permission_action = ADD
    queryset = Source.objects.all()
    template_name = "sources/source_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": SourceForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SourceForm(request.POST)
        if form.is_valid():
            try:
                source = source_create(data=dict(form.cleaned_data))
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The source is recorded."))
                return redirect(source.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class SourceDetailView(ObjectDetailView):
    queryset = source_list()
    slug_field = "key"
    slug_url_kwarg = "key"
    template_name = "sources/source_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["citations"] = citations_of_source(source=self.object)
        context["attachments"] = list(self.object.attachments.select_related("uploaded_by"))
        context["max_upload_mb"] = settings.MAX_UPLOAD_MB
        return context


class SourceAttachmentCreateView(PermissionRequiredMixin, View):
    """Attach a document to a source (POST from the source's page)."""

    permission_action = ADD

    def permission_model(self) -> type[Model]:
        return SourceAttachment

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        source = get_object_or_404(Source, key=key)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to attach."))
            # To the top of the page, where the error is shown and takes the focus.
            return redirect(source.get_absolute_url())
        try:
            attachment = source_attachment_add(source=source, upload=upload, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(source.get_absolute_url())
        messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.name})
        return redirect(source.get_absolute_url() + "#attachments")


class SourceAttachmentView(PermissionRequiredMixin, View):
    """The attached document itself, only for people who may read sources."""

    def permission_model(self) -> type[Model]:
        return SourceAttachment

    def get(self, request: HttpRequest, key: str, pk: int) -> FileResponse:
        attachment = get_object_or_404(SourceAttachment, pk=pk, source__key=key)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("The file of this document is missing from storage.")) from error
        response = FileResponse(handle, as_attachment=True, filename=attachment.name)
        response["Content-Type"] = attachment.media_type
        response["Cache-Control"] = "private, no-store"
        return response


class FactsWithoutSourceView(PermissionRequiredMixin, TemplateView):
    """Records that cite no source: for the people who keep the register clean."""

    template_name = "sources/facts_without_source.html"

    def permission_model(self) -> type[Model]:
        return Citation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["groups"] = facts_without_source()
        return context


class UnverifiedFactsView(PermissionRequiredMixin, ListView):
    """Citations not yet checked against their document."""

    template_name = "sources/unverified_facts.html"
    paginate_by = 100
    context_object_name = "citations"

    def permission_model(self) -> type[Model]:
        return Citation

    def get_queryset(self) -> Any:
        return unverified_citations()
