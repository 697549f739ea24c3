"""Partners' aliases and regions from a spreadsheet: one row a partner, found by its code.
A filled cell replaces what the register holds (several values separated by ; or |); an
empty cell leaves it as it is. Saved as every door saves a partner: the model's checks
(full_clean), and the region links through the relation, whose signals recount regions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core.permissions import CHANGE
from liaison.core.spreadsheet_import import CHANGE as CHANGED
from liaison.core.spreadsheet_import import UNCHANGED, ImportColumn, ImportKind, cell_list
from liaison.partners.models import Partner, Region


def partner_row(values: dict[str, str], user: Any) -> tuple[str, str]:
    code = values["partner"].strip().upper()
    partner = Partner.objects.filter(code=code).first()
    if partner is None:
        raise ValidationError({"partner": _("No partner has the code %(code)s.") % {"code": code}})
    changes = []
    aliases = cell_list(values, "aliases")
    if aliases and aliases != list(partner.aliases or []):
        partner.aliases = aliases
        partner.full_clean()
        partner.save()
        changes.append(_("aliases"))
    region_codes = cell_list(values, "regions")
    if region_codes:
        # By code or by name (the partner export writes names).
        regions = list(Region.objects.filter(Q(code__in=region_codes) | Q(name__in=region_codes)))
        found = {region.code for region in regions} | {region.name for region in regions}
        unknown = sorted(set(region_codes) - found)
        if unknown:
            raise ValidationError(
                {
                    "regions": _("No region has the code(s) %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                }
            )
        if {region.pk for region in regions} != set(partner.regions.values_list("pk", flat=True)):
            partner.regions.set(regions)
            changes.append(_("regions"))
    if not changes:
        return UNCHANGED, str(partner)
    return CHANGED, _("%(partner)s: %(changes)s") % {
        "partner": partner,
        "changes": ", ".join(str(change) for change in changes),
    }


PARTNER_IMPORT = ImportKind(
    key="partners",
    title=gettext_lazy("Partners' aliases and regions"),
    model=Partner,
    actions=(CHANGE,),
    columns=[
        ImportColumn("partner", gettext_lazy("Code"), required=True),
        ImportColumn("aliases", gettext_lazy("Aliases")),
        ImportColumn("regions", gettext_lazy("Regions")),
    ],
    apply_row=partner_row,
    set_aside=(
        gettext_lazy("Name"),
        gettext_lazy("Kind"),
        gettext_lazy("Instruments (status on the date asked)"),
        gettext_lazy("Competent in criminal matters"),
    ),
    description=gettext_lazy(
        "One row a partner, by its code. A filled cell replaces the aliases or regions "
        "(region codes or names), several separated by ; or |; an empty cell leaves them as "
        "they are."
    ),
)
