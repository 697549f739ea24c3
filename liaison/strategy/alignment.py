"""Policy alignment: per region, what the EU policy documents ask and what the register
shows (partners, instruments in force, engagement, projects, recent engagements)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch

from liaison.contacts.models import partners_with_activity
from liaison.engagements.models import Engagement, Project, RegionEngagementCount
from liaison.instruments.choices import InstrumentStatus
from liaison.instruments.models import Instrument
from liaison.partners.models import Partner, Region
from liaison.strategy.models import PolicyDocument


@dataclass
class RegionAlignment:
    region: Region
    policy_documents: list[PolicyDocument]
    partners: int
    partners_in_force: int
    engagements: int

    @property
    def lags(self) -> bool:
        """EU policy prioritises it, yet no partner there has an instrument in force."""
        return bool(self.policy_documents) and self.partners_in_force == 0


def regions_alignment(*, on: datetime.date) -> list[RegionAlignment]:
    """Every region, four queries whatever the register's size.

    The engagements come from the per-region counts kept with every write of the links
    (`RegionEngagementCount`): counting them here read every link of every partner with
    a region, a cost that grew with the register."""
    engagements = dict(RegionEngagementCount.objects.values_list("region_id", "engagements"))
    regions = list(
        Region.objects.annotate(partner_count=Count("partners", distinct=True))
        .prefetch_related(
            Prefetch("policy_documents", queryset=PolicyDocument.objects.order_by("reference"))
        )
        .order_by("name")
    )
    in_force: dict[int, set[int]] = defaultdict(set)
    for region_id, partner_id in (
        Instrument.objects.with_status(on)
        .filter(status=InstrumentStatus.IN_FORCE)  # type: ignore[misc]
        .values_list("partner__regions", "partner_id")
    ):
        if region_id is not None:
            in_force[region_id].add(partner_id)
    return [
        RegionAlignment(
            region=region,
            policy_documents=list(region.policy_documents.all()),
            partners=region.partner_count,
            partners_in_force=len(in_force[region.pk]),
            engagements=engagements.get(region.pk, 0),
        )
        for region in regions
    ]


def region_detail(
    *, region: Region, on: datetime.date, include_demo: bool = False
) -> dict[str, Any]:
    """A region's partners with their contact activity (demo interactions left out unless
    `include_demo`), their instruments, projects and recent engagements."""
    partners = list(
        partners_with_activity(
            Partner.objects.filter(regions=region), on, include_demo=include_demo
        ).order_by("name")
    )
    labels = {value: str(label) for value, label in InstrumentStatus.choices}
    instruments: dict[int, list[tuple[Instrument, str]]] = defaultdict(list)
    for instrument in Instrument.objects.with_status(on).filter(partner__regions=region):
        status = str(getattr(instrument, "status", None))
        instruments[instrument.partner_id].append((instrument, labels.get(status, "–")))
    return {
        "region": region,
        "on": on,
        "policy_documents": list(PolicyDocument.objects.filter(regions=region)),
        "partners": [(partner, instruments[partner.pk]) for partner in partners],
        "projects": list(Project.objects.filter(regions=region).order_by("name")),
        "engagements": list(
            Engagement.objects.filter(partners__regions=region, start_date__lte=on)
            .distinct()
            .order_by("-start_date", "key")[:10]
        ),
    }
