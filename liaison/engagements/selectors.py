"""Reads: engagement lists, the upcoming ones for the calendar, the latest per priority."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet

from liaison.engagements.models import Engagement
from liaison.partners.models import Partner


def engagement_list() -> QuerySet[Engagement]:
    return (
        Engagement.objects.select_related("project")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("co_organisers", queryset=Partner.objects.order_by("name")),
            "key_actions__priority",
        )
        .order_by("-start_date", "key")
    )


def engagements_upcoming(*, on: datetime.date) -> QuerySet[Engagement]:
    """Those that start on or after `on`, and the yearly ones (their rule repeats them)."""
    return Engagement.objects.filter(Q(start_date__gte=on) | Q(recurs_yearly=True)).order_by(
        "start_date", "key"
    )


def latest_engagements_by_priority(
    *, priority_ids: list[int], on: datetime.date, per_priority: int = 3
) -> dict[int, list[Engagement]]:
    """The latest engagements (on or before `on`) that served each priority; one query."""
    links = (
        Engagement.key_actions.through.objects.filter(
            keyaction__priority_id__in=priority_ids, engagement__start_date__lte=on
        )
        .select_related("engagement", "keyaction")
        .order_by("-engagement__start_date", "engagement__key")
    )
    latest: dict[int, list[Engagement]] = {pk: [] for pk in priority_ids}
    for link in links:
        shown = latest[link.keyaction.priority_id]
        if len(shown) < per_priority and link.engagement not in shown:
            shown.append(link.engagement)
    return latest
