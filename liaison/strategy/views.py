"""The strategy dashboard, the history of progress and the progress report (web, CSV, PDF)."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from liaison.core.views import AsOfMixin, PermissionRequiredMixin
from liaison.strategy.models import Strategy
from liaison.strategy.selectors import current_strategy, strategy_progress


class StrategyDashboardView(PermissionRequiredMixin, AsOfMixin, TemplateView):
    """Each priority with its key actions, their progress computed now from the register,
    and the partners done and not done."""

    template_name = "strategy/dashboard.html"
    queryset = Strategy.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = current_strategy()
        context["strategy"] = strategy
        context["progress"] = (
            strategy_progress(strategy=strategy, on=self.as_of) if strategy else None
        )
        return context
