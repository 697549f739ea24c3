"""The case list as a spreadsheet (operational personal data: for the roles that may see
it, each row written to the access log as exported; demo cases only when asked for)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.cases.choices import CaseStatus
from liaison.cases.filtersets import CaseFilterSet
from liaison.cases.models import Case
from liaison.cases.selectors import case_list
from liaison.core.csv_export import Column, joined, label, table_export


def _cases(user: Any, data: QueryDict) -> Any:
    return case_list()


CASE_EXPORT = table_export(
    key="cases",
    title=_("Cases"),
    model=Case,
    filterset_class=CaseFilterSet,
    queryset=_cases,
    ordering=("-opened_on", "-pk"),
    columns=[
        Column(_("CMS reference"), lambda c: c.cms_reference),
        Column(_("Title"), lambda c: c.title),
        Column(_("Status"), lambda c: label(CaseStatus.choices)(c.status)),
        Column(_("Crime areas"), lambda c: joined(c.crime_areas or [])),
        Column(_("Member States"), lambda c: joined(c.member_states or [])),
        Column(_("Requesting Member State"), lambda c: c.requesting_member_state),
        Column(_("Partners"), lambda c: joined(p.code for p in c.partners.all())),
        Column(_("Opened on"), lambda c: c.opened_on),
        Column(_("Closed on"), lambda c: c.closed_on),
        Column(_("Exchanges"), lambda c: c.exchange_count),
    ],
)
