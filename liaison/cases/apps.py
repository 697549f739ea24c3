from typing import ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import FirstRunLoad


def _no_casework() -> bool:
    from liaison.cases.models import Case, JointInvestigationTeam

    return not (Case.objects.exists() or JointInvestigationTeam.objects.exists())


class CasesConfig(AppConfig):
    name = "liaison.cases"
    label = "cases"
    verbose_name = _("Casework with non-EU partners")
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(order=40, command="load_casework", missing=_no_casework),
    )
