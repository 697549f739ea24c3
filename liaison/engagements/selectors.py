"""Reads: engagement lists, the upcoming ones for the calendar, the latest per priority."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from liaison.engagements.models import Engagement, Project
from liaison.partners.models import Partner
from liaison.sources.selectors import citations_prefetch
from liaison.strategy.models import KeyAction


def _named_partners() -> QuerySet[Partner]:
    # Lists show each partner's name and link to it by code: the rest is not read.
    return Partner.objects.only("code", "name").order_by("name")


def engagement_list() -> QuerySet[Engagement]:
    """Engagements newest first with what a row of a list (or the API) shows: partners
    and co-organisers by name and code, key actions by number and key, the project."""
    return (
        Engagement.objects.select_related("project")
        .prefetch_related(
            Prefetch("partners", queryset=_named_partners()),
            Prefetch("co_organisers", queryset=_named_partners()),
            Prefetch(
                "key_actions",
                queryset=KeyAction.objects.select_related("priority").only(
                    "key", "number", "priority", "priority__number"
                ),
            ),
        )
        .order_by("-start_date", "key")
    )


def project_summaries() -> QuerySet[Project]:
    """Projects by name with their regions and partners and the number of engagements
    they supported, counted in SQL (one index probe per project), not loaded."""
    supported = (
        Engagement.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(count=Count("*"))  # COUNT(*): read from the project index alone
        .values("count")
    )
    return (
        Project.objects.prefetch_related(
            "regions", Prefetch("partners", queryset=Partner.objects.order_by("name"))
        )
        .annotate(engagement_count=Coalesce(Subquery(supported), 0))
        .order_by("name")
    )


def engagement_detail() -> QuerySet[Engagement]:
    """Engagements with everything their page shows, their sources included."""
    return (
        Engagement.objects.select_related("project")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("co_organisers", queryset=Partner.objects.order_by("name")),
            "key_actions__priority",
            citations_prefetch(),
        )
        .order_by("-start_date", "key")
    )


PROJECT_ENGAGEMENTS_NAMED = 10


def project_list() -> QuerySet[Project]:
    """Projects by name with their regions, partners and how many engagements they
    supported (`engagement_count`); `name_newest_engagements` adds the newest few."""
    return project_summaries()


def name_newest_engagements(
    projects: list[Project], *, named: int = PROJECT_ENGAGEMENTS_NAMED
) -> list[Project]:
    """Give each project the keys of its newest `named` engagements (`newest_engagements`),
    in one query: a bounded answer however many engagements a project supported (the
    rest are paged by the engagement list filtered by the project)."""
    for project in projects:
        project.newest_engagements = []  # type: ignore[attr-defined]
    if not projects:
        return projects
    if connection.features.supports_slicing_ordering_in_compound:
        # Each project's newest read from its index (`engagement_project_newest`),
        # stopping after `named`, the picks united: ranking every engagement of the
        # projects in a window instead sorts them all (113 ms for 40,000 at agency size).
        picks = [
            Engagement.objects.filter(project=project)
            .order_by("-start_date", "key")
            .values_list("project", "key", "start_date")[:named]
            for project in projects
        ]
        first, *others = picks
        rows = list(first.union(*others, all=True)) if others else list(first)
        by_pk = {project.pk: project for project in projects}
        for project_id, key, start_date in sorted(rows, key=lambda row: row[1]):
            by_pk[project_id].newest_engagements.append((start_date, key))  # type: ignore[attr-defined]
        for project in projects:
            newest = sorted(project.newest_engagements, key=lambda pair: pair[0], reverse=True)  # type: ignore[attr-defined]
            project.newest_engagements = [key for _, key in newest]  # type: ignore[attr-defined]
        return projects
    newest = Engagement.objects.only("key", "project", "start_date").order_by("-start_date", "key")
    prefetch_related_objects(
        projects, Prefetch("engagements", queryset=newest[:named], to_attr="picked")
    )
    for project in projects:
        project.newest_engagements = [e.key for e in project.picked]  # type: ignore[attr-defined]
    return projects


def project_detail() -> QuerySet[Project]:
    """Projects with their regions, partners and sources (their engagements are read
    apart, by `project_engagements`, a page's worth)."""
    return Project.objects.prefetch_related(
        "regions",
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        citations_prefetch(),
    )


def project_engagements(*, project: Project, limit: int) -> tuple[list[Engagement], int]:
    """The newest `limit` engagements the project supported, with their partners and key
    actions, and how many it supported in all."""
    supported = engagement_list().filter(project=project)
    # Counted on the project's column alone: the project index answers without the table.
    counted = Engagement.objects.filter(project=project).order_by().values("project").count()
    return list(supported[:limit]), counted


def engagements_upcoming(*, on: datetime.date) -> QuerySet[Engagement]:
    """Those that start on or after `on`, and the yearly ones (their rule repeats them)."""
    return Engagement.objects.filter(Q(start_date__gte=on) | Q(recurs_yearly=True)).order_by(
        "start_date", "key"
    )


def latest_engagements_by_priority(
    *, priority_ids: list[int], on: datetime.date, per_priority: int = 3
) -> dict[int, list[Engagement]]:
    """The latest engagements (on or before `on`) that served each priority; one query.

    Each priority's newest `per_priority` are picked in SQL (walking the engagements
    newest first, an index serving it), and only their links are read."""
    through = Engagement.key_actions.through
    newest = []
    for priority_id in priority_ids:
        serves = through.objects.filter(
            engagement=OuterRef("pk"), keyaction__priority_id=priority_id
        )
        newest.append(
            Engagement.objects.filter(Exists(serves), start_date__lte=on)
            .order_by("-start_date", "key")
            .values("pk")[:per_priority]
        )
    if not newest:
        return {}
    if connection.features.supports_slicing_ordering_in_compound:
        # The few engagements picked, united, then their links read by engagement (an
        # index probe each): OR-ing the picks instead makes PostgreSQL read every link.
        first, *others = newest
        candidates = Q(engagement__in=first.union(*others, all=True))
    else:
        candidates = Q(pk__in=[])
        for picked in newest:
            candidates |= Q(engagement__in=picked)
    links = (
        through.objects.filter(candidates, keyaction__priority_id__in=priority_ids)
        .select_related("engagement", "keyaction")
        .order_by("-engagement__start_date", "engagement__key")
    )
    latest: dict[int, list[Engagement]] = {pk: [] for pk in priority_ids}
    for link in links:
        shown = latest[link.keyaction.priority_id]
        if len(shown) < per_priority and link.engagement not in shown:
            shown.append(link.engagement)
    return latest
