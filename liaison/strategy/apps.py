from typing import ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import FirstRunLoad


def _no_strategies() -> bool:
    from liaison.strategy.models import Strategy

    return not Strategy.objects.exists()


class StrategyConfig(AppConfig):
    name = "liaison.strategy"
    label = "strategy"
    verbose_name = _("Strategy and progress")
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(order=20, command="load_strategy", missing=_no_strategies),
    )
