from typing import ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from liaison.core.contributions import FirstRunLoad


def _register_empty() -> bool:
    from liaison.partners.models import Partner

    return not Partner.objects.exists()


class ReferenceConfig(AppConfig):
    name = "liaison.reference"
    label = "reference"
    verbose_name = _("Reference data")
    # The reference data first: the other datasets name its partners, regions and sources.
    first_run_loads: ClassVar[tuple[FirstRunLoad, ...]] = (
        FirstRunLoad(
            order=10,
            command="load_reference",
            missing=_register_empty,
            announce="The register is empty: loading the reference data.",
        ),
    )
