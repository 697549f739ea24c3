"""Keeps `RegionEngagementCount` right whatever door writes an engagement's partners or a
partner's regions (services, API, administration, reference loader, import, the shell),
from either side of each relation: every such write recounts the regions it touches from
the links, in the writer's transaction.

Only bulk SQL bypasses these signals (the scale generator): such code must call
`region_engagement_counts_refresh` itself. The co-organisers are not counted (the regions
overview never counted them), so their changes need no recount."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, pre_delete
from django.dispatch import receiver

from liaison.engagements.models import (
    Engagement,
    region_counts_lock,
    region_engagement_counts_refresh,
)
from liaison.partners.models import Partner

EngagementPartners = Engagement.partners.through
PartnerRegions = Partner.regions.through
PENDING = "_region_ids_before"


def _regions_of_partners(partner_ids: Any) -> list[int]:
    return list(
        PartnerRegions.objects.filter(partner_id__in=list(partner_ids))
        .order_by()
        .values_list("region_id", flat=True)
        .distinct()
    )


def _regions_of_engagement(engagement_id: int) -> list[int]:
    partners = EngagementPartners.objects.filter(engagement_id=engagement_id)
    return _regions_of_partners(partners.values_list("partner_id", flat=True))


@dataclass(frozen=True)
class _CountedLinks:
    """How a counted relation's change reaches regions: `of_targets` gives the regions of
    the records on its far side (partners of an engagement, regions of a partner), `of_owner`
    those the owning record reaches through its links before they are cleared."""

    of_targets: Callable[[Iterable[int]], list[int]]
    of_owner: Callable[[int], list[int]]


_COUNTED_LINKS = {
    EngagementPartners: _CountedLinks(
        of_targets=_regions_of_partners, of_owner=_regions_of_engagement
    ),
    PartnerRegions: _CountedLinks(
        of_targets=list, of_owner=lambda partner_id: _regions_of_partners([partner_id])
    ),
}


@receiver(m2m_changed, sender=EngagementPartners, dispatch_uid="engagements_region_counts_links")
@receiver(m2m_changed, sender=PartnerRegions, dispatch_uid="engagements_region_counts_regions")
def counted_links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """An engagement's partners or a partner's regions changed, from either side."""
    if action.startswith("pre_") and action != "pre_clear":
        return
    links = _COUNTED_LINKS[sender]
    region_counts_lock()  # before reading which regions the change touches
    if reverse:
        # From the far side (`partner.engagements.add(...)`, `region.partners.add(...)`):
        # the regions that record reaches.
        if action in {"post_add", "post_remove", "post_clear"}:
            region_engagement_counts_refresh(links.of_targets([instance.pk]))
        return
    if action == "pre_clear":
        setattr(instance, PENDING, links.of_owner(instance.pk))
    elif action == "post_clear":
        region_engagement_counts_refresh(getattr(instance, PENDING, []))
    elif action in {"post_add", "post_remove"}:
        region_engagement_counts_refresh(links.of_targets(pk_set or []))


@receiver(pre_delete, sender=Engagement, dispatch_uid="engagements_region_counts_deleting")
def engagement_deleting(sender: Any, instance: Engagement, **kwargs: Any) -> None:
    region_counts_lock()
    setattr(instance, PENDING, _regions_of_engagement(instance.pk))


@receiver(pre_delete, sender=Partner, dispatch_uid="engagements_region_counts_partner_deleting")
def partner_deleting(sender: Any, instance: Partner, **kwargs: Any) -> None:
    region_counts_lock()
    setattr(instance, PENDING, _regions_of_partners([instance.pk]))


@receiver(post_delete, sender=Engagement, dispatch_uid="engagements_region_counts_deleted")
@receiver(post_delete, sender=Partner, dispatch_uid="engagements_region_counts_partner_deleted")
def links_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The links went with the record: its regions lose what only it brought.
    region_engagement_counts_refresh(getattr(instance, PENDING, []))
