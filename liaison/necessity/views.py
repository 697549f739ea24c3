"""The Necessity pages: the ranking with its parameters and the strategy beside it, its CSV
and PDF, and the saved analyses (list, save, reopen, CSV and PDF)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from liaison.cases.models import Case
from liaison.cases.views import FiguresMixin
from liaison.core.csv_export import csv_response
from liaison.core.permissions import ADD, VIEW, user_can
from liaison.core.replica import replica_reads
from liaison.core.views import PermissionRequiredMixin
from liaison.necessity.engine import Weights
from liaison.necessity.forms import NecessityParametersForm
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.report import csv_header, ranking_pdf, ranking_rows
from liaison.necessity.selectors import necessity_ranking, ranking_for
from liaison.necessity.services import saved_analysis_create
from liaison.necessity.texts import localised

TITLE_MAX_LENGTH = 200


def _problem_text(form: NecessityParametersForm) -> str:
    return " ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def _ranking(form: NecessityParametersForm) -> Any:
    """The ranking: figures, so they may read a replica (LIAISON_REPLICA_DATABASE_URL)."""
    with replica_reads():
        return necessity_ranking(params=form.parameters())


class NecessityRankingView(FiguresMixin, TemplateView):
    """Every role reads the ranking and its recommendations; those who read cases also get
    the figures behind them and the links to the cases (`ranking_for`)."""

    template_name = "necessity/ranking.html"

    def form(self) -> NecessityParametersForm:
        return NecessityParametersForm(self.request.GET)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form()
        valid = form.is_valid()
        ranking = localised(ranking_for(request.user, _ranking(form))) if valid else None
        context = self.get_context_data(form=form, ranking=ranking, **kwargs)
        return self.render_to_response(context, status=200 if valid else 400)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            may_see_cases=user_can(user, VIEW, Case),
            may_save=user_can(user, ADD, SavedAnalysis),
            may_see_analyses=user_can(user, VIEW, SavedAnalysis),
            query=self.request.GET.urlencode(),
            # The parameters shown, carried to "Save this analysis".
            carried=[
                (name, value)
                for name, value in self.request.GET.items()
                if name in NecessityParametersForm.base_fields or name == "demo"
            ],
            defaults=Weights(),
            saved=SavedAnalysis.objects.all()[:10] if user_can(user, VIEW, SavedAnalysis) else [],
        )
        return context


class _RankingFileView(FiguresMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = NecessityParametersForm(request.GET)
        if not form.is_valid():
            return HttpResponse(
                _problem_text(form), status=400, content_type="text/plain; charset=utf-8"
            )
        return self.answer(ranking_for(request.user, _ranking(form)))

    def answer(self, ranking: dict[str, Any]) -> HttpResponse:
        raise NotImplementedError


class NecessityRankingCsvView(_RankingFileView):
    def answer(self, ranking: dict[str, Any]) -> HttpResponse:
        return csv_response(
            name="necessity", header=csv_header(ranking), rows=ranking_rows(ranking)
        )


class NecessityRankingPdfView(_RankingFileView):
    def answer(self, ranking: dict[str, Any]) -> HttpResponse:
        response = HttpResponse(
            ranking_pdf(ranking, title=_("Operational necessity")), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="liaison-necessity-{ranking["end"]}.pdf"'
        )
        return response


class SavedAnalysisListView(PermissionRequiredMixin, TemplateView):
    template_name = "necessity/analysis_list.html"
    queryset = SavedAnalysis.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["analyses"] = SavedAnalysis.objects.all()[:200]
        return context


class SavedAnalysisCreateView(PermissionRequiredMixin, View):
    """Save the ranking for the parameters posted (the ones the page showed)."""

    permission_action = ADD
    queryset = SavedAnalysis.objects.all()

    def post(self, request: HttpRequest) -> HttpResponseBase:
        form = NecessityParametersForm(request.POST)
        title = request.POST.get("title", "").strip()
        if not form.is_valid() or len(title) > TITLE_MAX_LENGTH or "\x00" in title:
            return HttpResponse(
                _problem_text(form) or _("Title: keep it under 200 characters."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        params = form.parameters()
        try:
            analysis = saved_analysis_create(
                user=request.user,
                as_of=params.as_of,
                parameters=params.to_dict(),
                result=necessity_ranking(params=params),
                title=title,
            )
        except ValidationError as error:
            return HttpResponse(
                " ".join(error.messages), status=400, content_type="text/plain; charset=utf-8"
            )
        return redirect(analysis.get_absolute_url())


class SavedAnalysisDetailView(PermissionRequiredMixin, TemplateView):
    """A saved analysis exactly as saved: its figures are those kept, never recomputed."""

    template_name = "necessity/analysis_detail.html"
    queryset = SavedAnalysis.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        analysis = get_object_or_404(SavedAnalysis, pk=kwargs["pk"])
        context.update(
            analysis=analysis,
            ranking=localised(ranking_for(self.request.user, analysis.result)),
            may_see_cases=False,
        )
        return context


class SavedAnalysisCsvView(PermissionRequiredMixin, View):
    queryset = SavedAnalysis.objects.all()

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        analysis = get_object_or_404(SavedAnalysis, pk=pk)
        ranking = ranking_for(request.user, analysis.result)
        return csv_response(
            name=f"necessity-analysis-{analysis.pk}",
            header=csv_header(ranking),
            rows=ranking_rows(ranking),
        )


class SavedAnalysisPdfView(PermissionRequiredMixin, View):
    queryset = SavedAnalysis.objects.all()

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        analysis = get_object_or_404(SavedAnalysis, pk=pk)
        title = _("Operational necessity: saved analysis %(number)s of %(date)s") % {
            "number": analysis.pk,
            "date": analysis.saved_at.date().isoformat(),
        }
        response = HttpResponse(
            ranking_pdf(ranking_for(request.user, analysis.result), title=title),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="liaison-necessity-analysis-{analysis.pk}.pdf"'
        )
        return response
