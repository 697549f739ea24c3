from typing import ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import FirstRunLoad


def _no_crime_priorities() -> bool:
    from liaison.necessity.models import CrimePriorityCycle

    return not CrimePriorityCycle.objects.exists()


class NecessityConfig(AppConfig):
    name = "liaison.necessity"
    label = "necessity"
    verbose_name = _("Operational necessity")
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(order=50, command="load_crime_priorities", missing=_no_crime_priorities),
    )
