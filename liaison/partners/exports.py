"""The partner list as a spreadsheet: one row a partner, with its regions and its
instruments with their status on the list's date."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import Column, as_of, joined, label, table_export
from liaison.instruments.choices import InstrumentStatus, InstrumentType
from liaison.partners.choices import PartnerKind
from liaison.partners.filtersets import PartnerFilterSet
from liaison.partners.models import Partner
from liaison.partners.selectors import partner_rows_attach


def _partners(user: Any, data: QueryDict) -> Any:
    return Partner.objects.all()


def _attach(batch: list[Partner], data: QueryDict) -> None:
    partner_rows_attach(batch, on=as_of(data))


def _rows(partner: Partner, name: str) -> list[Any]:
    rows: list[Any] = partner.__dict__.get("_attached_rows", {}).get(name, [])
    return rows


_type = label(InstrumentType.choices)
_status = label(InstrumentStatus.choices)


def _instruments(partner: Partner) -> str:
    return joined(
        f"{instrument.title} ({_type(instrument.type)}: "
        f"{_status(instrument.status) or _('not begun')})"
        for instrument in _rows(partner, "instruments")
    )


PARTNER_EXPORT = table_export(
    key="partners",
    title=_("Partners"),
    model=Partner,
    filterset_class=PartnerFilterSet,
    queryset=_partners,
    ordering=("name", "pk"),
    prepare_batch=_attach,
    columns=[
        Column(_("Code"), lambda p: p.code),
        Column(_("Name"), lambda p: p.name),
        Column(_("Kind"), lambda p: label(PartnerKind.choices)(p.kind)),
        Column(_("Aliases"), lambda p: joined(p.aliases or [])),
        Column(_("Regions"), lambda p: joined(region.name for region in _rows(p, "regions"))),
        Column(_("Instruments (status on the date asked)"), _instruments),
        Column(
            _("Competent in criminal matters"),
            lambda p: p.competent_in_criminal_matters,
        ),
    ],
)
