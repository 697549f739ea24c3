"""Partners loaded from the reference dataset before `name_takes_article` existed get the
value the dataset now gives them, so that the next `load-reference` finds them unchanged
instead of reporting each as changed in the register. Only rows the loader wrote are
touched; a fresh register is empty here and the loader sets the flag itself."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# The codes data/reference/partners.yaml marks `name_takes_article: true` at this migration.
TAKES_THE = [
    "GB", "US", "AE", "DO", "PH", "RU", "NL", "GM",
    "ICC", "UNODC", "COE", "OSCE", "IIIM", "UNITAD", "IIMM", "UN", "OHCHR-SL", "CCPCJ", "CND",
    "SIRACUSA", "IBERRED", "AIAMP", "WACAP", "APA", "AAP", "CASC", "SEAJUST",
    "EU", "COM", "COUNCIL", "EEAS", "EPPO", "EJN", "GENOCIDE-NETWORK", "ICPA",
]  # fmt: skip


def forwards(apps: Any, schema_editor: Any) -> None:
    Partner = apps.get_model("partners", "Partner")
    Partner.objects.filter(code__in=TAKES_THE, origin="reference").update(
        name_takes_article=True
    )


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_partner_name_takes_article")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
