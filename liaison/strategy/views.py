"""The strategy dashboard, the history of progress and the progress report (web, CSV, PDF)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from liaison.contacts.demo import demo_record_count
from liaison.core.csv_export import csv_response
from liaison.core.dates import today
from liaison.core.replica import replica_reads
from liaison.core.views import AsOfMixin, IncludeDemoMixin, PermissionRequiredMixin
from liaison.engagements.selectors import latest_engagements_by_priority
from liaison.partners.models import Region
from liaison.partners.world_map import map_context
from liaison.strategy.alignment import region_detail, regions_alignment
from liaison.strategy.charts import bar_chart_svg, line_chart_svg, progress_chart_svg
from liaison.strategy.models import ProgressSnapshot, Strategy
from liaison.strategy.overview import (
    contact_coverage_by_region,
    engagements_per_priority,
    instruments_over_time,
    overview,
)
from liaison.strategy.report import CSV_HEADER, report_pdf, report_rows
from liaison.strategy.selectors import (
    StrategyProgress,
    current_strategy,
    progress_history,
    strategy_progress,
)


class StrategyDashboardView(PermissionRequiredMixin, AsOfMixin, IncludeDemoMixin, TemplateView):
    """Each priority with its key actions, their progress computed now from the register,
    and the partners done and not done."""

    template_name = "strategy/dashboard.html"
    queryset = Strategy.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = current_strategy()
        context["strategy"] = strategy
        progress = (
            strategy_progress(strategy=strategy, on=self.as_of, include_demo=self.include_demo)
            if strategy
            else None
        )
        context["progress"] = progress
        if progress is not None:
            latest = latest_engagements_by_priority(
                priority_ids=[entry.priority.pk for entry in progress.priorities], on=progress.on
            )
            context["sections"] = [
                (entry, latest[entry.priority.pk]) for entry in progress.priorities
            ]
            context["overview"] = overview(on=progress.on, progress=progress)
            context.update(dashboard_charts(strategy=progress.strategy, on=progress.on))
        return context


def dashboard_charts(*, strategy: Strategy, on: Any) -> dict[str, Any]:
    """The dashboard's three charts, each as SVG and as the rows of its table."""
    over_time = instruments_over_time(on=on)
    by_region = contact_coverage_by_region()
    by_priority = engagements_per_priority(strategy=strategy, on=on)
    return {
        "instruments_over_time": over_time,
        "instruments_chart": mark_safe(  # noqa: S308 (every text in it is escaped)
            line_chart_svg(
                over_time,
                title=_("Instruments in force over time"),
                description=_(
                    "Agreements and working arrangements in force on 1 January "
                    "of each year, and today."
                ),
                chart_id="chart-instruments",
                percent=False,
            )
        ),
        "coverage_by_region": by_region,
        "coverage_chart": mark_safe(  # noqa: S308
            bar_chart_svg(
                by_region,
                title=_("Contact-point coverage by region"),
                description=_(
                    "Countries with an active contact point, of the region's "
                    "countries in the register."
                ),
                chart_id="chart-coverage",
            )
        ),
        "engagements_by_priority": by_priority,
        "engagements_chart": mark_safe(  # noqa: S308
            bar_chart_svg(
                by_priority,
                title=_("Engagements per priority"),
                description=_(
                    "Engagements that served at least one key action of the "
                    "priority, up to the date shown."
                ),
                chart_id="chart-engagements",
            )
        ),
    }


class StrategyHistoryView(PermissionRequiredMixin, TemplateView):
    """Progress over time: the snapshots taken by `liaison strategy-snapshot`, as a table
    and a chart drawn on the server."""

    template_name = "strategy/history.html"
    queryset = ProgressSnapshot.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = current_strategy()
        context["strategy"] = strategy
        if strategy is not None:
            history = progress_history(strategy=strategy)
            context["history"] = history
            context["chart"] = mark_safe(  # noqa: S308 (every text in it is escaped)
                progress_chart_svg(
                    history.series(),
                    title=_("Progress over time"),
                    description=_(
                        "Percent done of each key action at each snapshot; the "
                        "table below gives the same figures."
                    ),
                )
            )
        return context


class _ReportMixin(PermissionRequiredMixin, AsOfMixin, IncludeDemoMixin):
    queryset = Strategy.objects.all()

    def progress(self) -> StrategyProgress:
        strategy = current_strategy()
        if strategy is None:
            raise Http404(_("No strategy is loaded: run “liaison load-strategy”."))
        # A report: it may read a replica (LIAISON_REPLICA_DATABASE_URL).
        with replica_reads():
            return strategy_progress(
                strategy=strategy, on=self.as_of, include_demo=self.include_demo
            )


class StrategyReportView(_ReportMixin, TemplateView):
    """The progress report as a page to read or print, with links to its CSV and PDF."""

    template_name = "strategy/report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["progress"] = self.progress()
        return context


class StrategyReportCsvView(_ReportMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return csv_response(
            name="strategy-progress", header=CSV_HEADER, rows=report_rows(self.progress())
        )


class StrategyReportPdfView(_ReportMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        progress = self.progress()
        response = HttpResponse(report_pdf(progress), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="liaison-strategy-progress-{progress.on.isoformat()}.pdf"'
        )
        return response


class RegionAlignmentListView(PermissionRequiredMixin, AsOfMixin, TemplateView):
    """Regions against the EU policy documents: where outreach lags behind EU priorities."""

    template_name = "strategy/region_list.html"
    queryset = Region.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["regions"] = regions_alignment(on=self.as_of or today())
        context.update(
            map_context(
                params=self.request.GET,
                user=self.request.user,
                action=reverse("strategy:region_list"),
            )
        )
        return context


class RegionAlignmentDetailView(PermissionRequiredMixin, AsOfMixin, IncludeDemoMixin, TemplateView):
    """One region: its partners, their instruments and engagement, projects, engagements."""

    template_name = "strategy/region_detail.html"
    queryset = Region.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = get_object_or_404(Region, code=self.kwargs["code"])
        context.update(
            region_detail(
                region=region,
                on=self.as_of or today(),
                include_demo=self.include_demo,
            ),
            demo_records=demo_record_count(),
        )
        context.update(
            map_context(
                params=self.request.GET,
                user=self.request.user,
                action=reverse("strategy:region_detail", args=[region.code]),
                region=region,
            )
        )
        return context
