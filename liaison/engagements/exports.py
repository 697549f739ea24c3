"""The engagement list as a spreadsheet: one row an engagement, with its partners,
co-organisers, key actions and project."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import Column, joined, label, table_export
from liaison.engagements.choices import EngagementKind
from liaison.engagements.filtersets import EngagementFilterSet
from liaison.engagements.models import Engagement
from liaison.engagements.selectors import engagement_list


def _engagements(user: Any, data: QueryDict) -> Any:
    return engagement_list()


ENGAGEMENT_EXPORT = table_export(
    key="engagements",
    title=_("Engagements"),
    model=Engagement,
    filterset_class=EngagementFilterSet,
    queryset=_engagements,
    ordering=("-start_date", "key"),
    columns=[
        Column(_("Key"), lambda e: e.key),
        Column(_("Kind"), lambda e: label(EngagementKind.choices)(e.kind)),
        Column(_("Title"), lambda e: e.title),
        Column(_("Date"), lambda e: e.start_date),
        Column(_("Until"), lambda e: e.end_date),
        Column(_("Place"), lambda e: e.place),
        Column(_("Online"), lambda e: e.online),
        Column(_("Partners"), lambda e: joined(p.code for p in e.partners.all())),
        Column(_("Co-organisers"), lambda e: joined(p.code for p in e.co_organisers.all())),
        Column(_("Key actions"), lambda e: joined(str(k) for k in e.key_actions.all())),
        Column(_("Project"), lambda e: e.project.name if e.project else ""),
        Column(_("Outcomes"), lambda e: e.outcomes),
        Column(_("Follow-ups"), lambda e: e.follow_ups),
    ],
)
