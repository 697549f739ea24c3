"""Reads of casework: lists, a case's timeline, overdue exchanges, responsiveness, figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.partners.models import Partner


def case_list() -> QuerySet[Case]:
    return (
        Case.objects.select_related("officer")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .annotate(exchange_count=Count("exchanges", distinct=True))
        .order_by("-opened_on", "-pk")
    )


def case_detail() -> QuerySet[Case]:
    return Case.objects.select_related("officer").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        Prefetch(
            "exchanges",
            queryset=Exchange.objects.select_related("partner", "transfer_assessment"),
        ),
        Prefetch(
            "operations",
            queryset=Operation.objects.prefetch_related("partners", "liaison_prosecutors_of"),
        ),
        Prefetch("joint_investigation_teams", queryset=JointInvestigationTeam.objects.all()),
    )


@dataclass(frozen=True)
class TimelineItem:
    date: datetime.date | None
    kind: str  # "exchange", "operation", "jit", "opened", "closed"
    record: Any


def case_timeline(case: Case) -> list[TimelineItem]:
    """The case's exchanges, operations and JITs on one dated line, newest first; exchanges
    not yet sent come first (no date)."""
    items = [TimelineItem(case.opened_on, "opened", case)]
    if case.closed_on:
        items.append(TimelineItem(case.closed_on, "closed", case))
    items += [TimelineItem(e.sent_on, "exchange", e) for e in case.exchanges.all()]
    items += [TimelineItem(o.date, "operation", o) for o in case.operations.all()]
    items += [TimelineItem(j.signed_on, "jit", j) for j in case.joint_investigation_teams.all()]
    return sorted(items, key=lambda item: (item.date is not None, item.date), reverse=True)


def exchange_list() -> QuerySet[Exchange]:
    return Exchange.objects.select_related(
        "case", "partner", "transfer_assessment", "case__officer"
    ).order_by("-sent_on", "-pk")


@dataclass(frozen=True)
class OverdueGroup:
    label: str
    exchanges: list[Exchange]


def overdue_exchanges(*, on: datetime.date) -> QuerySet[Exchange]:
    """Exchanges past their deadline without an answer (demo cases left out)."""
    return (
        Exchange.objects.overdue(on)
        .filter(case__demo=False)
        .select_related("case", "partner", "case__officer")
        .order_by("deadline", "pk")
    )


def overdue_by(*, on: datetime.date, key: str) -> list[OverdueGroup]:
    """Overdue exchanges grouped per case officer (`key="officer"`) or per partner."""
    groups: dict[str, list[Exchange]] = {}
    for exchange in overdue_exchanges(on=on):
        if key == "officer":
            officer = exchange.case.officer
            label = officer.get_username() if officer else "—"
        else:
            label = f"{exchange.partner.name} ({exchange.partner.code})"
        groups.setdefault(label, []).append(exchange)
    return [OverdueGroup(label, items) for label, items in sorted(groups.items())]


def jit_list() -> QuerySet[JointInvestigationTeam]:
    return JointInvestigationTeam.objects.prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        Prefetch("participants", queryset=Partner.objects.order_by("name")),
    ).order_by("-signed_on", "name")


def operation_list() -> QuerySet[Operation]:
    return (
        Operation.objects.select_related("case")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("liaison_prosecutors_of", queryset=Partner.objects.order_by("name")),
        )
        .order_by("-date", "-pk")
    )
