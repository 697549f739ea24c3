"""Reads of casework: lists, a case's timeline, overdue exchanges, responsiveness, figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from statistics import median
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear

from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.partners.models import Partner


def case_list() -> QuerySet[Case]:
    """Cases, newest first, each with its number of exchanges: counted by a subquery, which
    the database runs only for the page of cases shown (a join and GROUP BY would count the
    exchanges of every case before the page is cut)."""
    exchanges = (
        Exchange.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Case.objects.select_related("officer")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .annotate(exchange_count=Coalesce(Subquery(exchanges), 0))
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


# How many overdue exchanges the page lists (the oldest deadlines first); the counts per
# officer and per partner are always whole. The API (/api/exchanges/?overdue=true) lists all.
OVERDUE_SHOWN = 50


@dataclass(frozen=True)
class OverdueGroup:
    label: str
    total: int


@dataclass(frozen=True)
class OverdueSummary:
    total: int
    per_officer: list[OverdueGroup]
    per_partner: list[OverdueGroup]
    oldest: list[Exchange]

    @property
    def more(self) -> int:
        return self.total - len(self.oldest)


def overdue_exchanges(*, on: datetime.date) -> QuerySet[Exchange]:
    """Exchanges past their deadline without an answer (demo cases left out)."""
    return (
        Exchange.objects.overdue(on)
        .filter(case__demo=False)
        .select_related("case", "partner", "case__officer")
        .order_by("deadline", "pk")
    )


def overdue_summary(*, on: datetime.date, shown: int = OVERDUE_SHOWN) -> OverdueSummary:
    """How many exchanges are overdue per case officer and per partner (one grouped query,
    whatever their number) and the `shown` oldest (read from the partial index of unanswered
    exchanges). Three queries."""
    overdue = overdue_exchanges(on=on)
    officers: dict[str, int] = {}
    partners: dict[str, int] = {}
    total = 0
    for officer, partner_name, partner_code, count in (
        overdue.order_by()
        .values_list("case__officer__username", "partner__name", "partner__code")
        .annotate(n=Count("pk"))
        .values_list("case__officer__username", "partner__name", "partner__code", "n")
    ):
        total += count
        officers[officer or "—"] = officers.get(officer or "—", 0) + count
        label = f"{partner_name} ({partner_code})"
        partners[label] = partners.get(label, 0) + count
    return OverdueSummary(
        total=total,
        per_officer=[OverdueGroup(label, n) for label, n in sorted(officers.items())],
        per_partner=[OverdueGroup(label, n) for label, n in sorted(partners.items())],
        oldest=list(overdue[:shown]),
    )


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


# --- Responsiveness: how fast partners acknowledge and answer what the agency sends them.


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day where it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@dataclass(frozen=True)
class Responsiveness:
    """Figures over the outgoing exchanges sent to a partner (through a channel) in a window.
    Shares are fractions of all those exchanges; medians are in days, None without data."""

    exchanges: int
    median_days_to_acknowledge: float | None
    median_days_to_answer: float | None
    answered_within_30: float | None
    answered_within_90: float | None
    refused: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "exchanges": self.exchanges,
            "median_days_to_acknowledge": self.median_days_to_acknowledge,
            "median_days_to_answer": self.median_days_to_answer,
            "share_answered_within_30_days": self.answered_within_30,
            "share_answered_within_90_days": self.answered_within_90,
            "share_refused": self.refused,
        }


@dataclass(frozen=True)
class ResponsivenessTable:
    start: datetime.date
    end: datetime.date
    per_partner: dict[int, Responsiveness]
    per_channel: dict[tuple[int, str], Responsiveness]


def _figures(rows: list[tuple[Any, ...]]) -> Responsiveness:
    total = len(rows)
    acknowledged = [(ack - sent).days for sent, ack, _answer, _outcome in rows if ack]
    answered = [(answer - sent).days for sent, _ack, answer, _outcome in rows if answer]
    refused = sum(1 for *_dates, outcome in rows if outcome == "refused")

    def share(count: int) -> float | None:
        return round(count / total, 3) if total else None

    return Responsiveness(
        exchanges=total,
        median_days_to_acknowledge=float(median(acknowledged)) if acknowledged else None,
        median_days_to_answer=float(median(answered)) if answered else None,
        answered_within_30=share(sum(1 for days in answered if days <= 30)),
        answered_within_90=share(sum(1 for days in answered if days <= 90)),
        refused=share(refused),
    )


def responsiveness(
    *,
    end: datetime.date,
    start: datetime.date | None = None,
    partner_ids: list[int] | None = None,
    include_demo: bool = False,
) -> ResponsivenessTable:
    """Per partner and per (partner, channel): outgoing exchanges sent between `start`
    (default 12 months before `end`) and `end`. One query, whatever the number of partners."""
    start = start or months_before(end, 12)
    queryset = Exchange.objects.filter(direction="outgoing", sent_on__gte=start, sent_on__lte=end)
    if not include_demo:
        queryset = queryset.filter(case__demo=False)
    if partner_ids is not None:
        queryset = queryset.filter(partner_id__in=partner_ids)
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    by_channel: dict[tuple[int, str], list[tuple[Any, ...]]] = {}
    for partner_id, channel, *row in queryset.values_list(
        "partner_id", "channel", "sent_on", "acknowledged_on", "answered_on", "outcome"
    ).order_by():
        grouped.setdefault(partner_id, []).append(tuple(row))
        by_channel.setdefault((partner_id, channel), []).append(tuple(row))
    return ResponsivenessTable(
        start=start,
        end=end,
        per_partner={key: _figures(rows) for key, rows in grouped.items()},
        per_channel={key: _figures(rows) for key, rows in by_channel.items()},
    )


# --- Figures per partner and per year.


@dataclass
class YearFigures:
    year: int
    cases: int = 0
    exchanges: int = 0
    jits: int = 0
    action_days: int = 0
    crime_areas: dict[str, int] | None = None


def partner_figures(*, partner: Partner, include_demo: bool = False) -> list[YearFigures]:
    """Cases (by the year they opened, with their crime areas), exchanges (by the year sent),
    JITs (by the year signed) and action days with `partner`, newest year first. Four
    queries, whatever the caseload."""
    years: dict[int, YearFigures] = {}

    def year(value: int) -> YearFigures:
        return years.setdefault(value, YearFigures(year=value, crime_areas={}))

    cases = Case.objects.filter(partners=partner)
    exchanges = Exchange.objects.filter(partner=partner, sent_on__isnull=False)
    jits = JointInvestigationTeam.objects.filter(
        Q(partners=partner) | Q(participants=partner), signed_on__isnull=False
    ).distinct()
    operations = Operation.objects.filter(partners=partner)
    if not include_demo:
        cases = cases.filter(demo=False)
        exchanges = exchanges.filter(case__demo=False)
        jits = jits.filter(demo=False)
        operations = operations.filter(case__demo=False)
    for opened_on, areas in cases.values_list("opened_on", "crime_areas").order_by():
        figures = year(opened_on.year)
        figures.cases += 1
        for area in areas or []:
            assert figures.crime_areas is not None
            figures.crime_areas[area] = figures.crime_areas.get(area, 0) + 1
    for row in (
        exchanges.annotate(year=ExtractYear("sent_on")).values("year").annotate(n=Count("pk"))
    ).order_by():
        year(row["year"]).exchanges += row["n"]
    for signed_on in jits.values_list("signed_on", flat=True).order_by():
        if signed_on is not None:
            year(signed_on.year).jits += 1
    for day in operations.values_list("date", flat=True).order_by():
        year(day.year).action_days += 1
    return [years[key] for key in sorted(years, reverse=True)]


# --- The casework report for a year or a period.


@dataclass
class PartnerRow:
    partner: Partner
    cases: int = 0
    exchanges: int = 0
    jits: int = 0
    action_days: int = 0


@dataclass(frozen=True)
class CaseworkReport:
    start: datetime.date
    end: datetime.date
    include_demo: bool
    demo_present: bool
    cases: int
    cases_with_partners: int
    exchanges: int
    jits: int
    action_days: int
    partners: list[PartnerRow]
    crime_areas: list[tuple[str, int]]


def casework_report(
    *, start: datetime.date, end: datetime.date, include_demo: bool = False
) -> CaseworkReport:
    """Cases active in the period (opened by its end, not closed before its start), exchanges
    sent in it, JITs running in it and action days held in it, per non-EU partner (most cases
    first) and per crime area. Demo records are left out unless asked. Constant queries."""
    cases = Case.objects.filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    exchanges = Exchange.objects.filter(sent_on__gte=start, sent_on__lte=end)
    jits = JointInvestigationTeam.objects.filter(signed_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    operations = Operation.objects.filter(date__gte=start, date__lte=end)
    if not include_demo:
        cases = cases.filter(demo=False)
        exchanges = exchanges.filter(case__demo=False)
        jits = jits.filter(demo=False)
        operations = operations.filter(case__demo=False)
    demo_present = Case.objects.filter(demo=True).exists()

    rows: dict[int, PartnerRow] = {}
    partners = {
        p.pk: p
        for p in Partner.objects.filter(
            kind__in=("country", "international_organisation", "judicial_network")
        )
    }

    def row(partner_id: int) -> PartnerRow | None:
        if partner_id not in partners:
            return None
        return rows.setdefault(partner_id, PartnerRow(partner=partners[partner_id]))

    areas: dict[str, int] = {}
    case_count = 0
    for areas_of_case in cases.values_list("crime_areas", flat=True).order_by():
        case_count += 1
        for area in areas_of_case or []:
            areas[area] = areas.get(area, 0) + 1
    with_partners: set[int] = set()
    for case_id, partner_id in Case.partners.through.objects.filter(
        case__in=cases.values("pk")
    ).values_list("case_id", "partner_id"):
        found = row(partner_id)
        if found is not None:
            found.cases += 1
            with_partners.add(case_id)
    exchange_total = 0
    for partner_id, count in (
        exchanges.values("partner_id").annotate(n=Count("pk")).values_list("partner_id", "n")
    ).order_by():
        exchange_total += count
        found = row(partner_id)
        if found is not None:
            found.exchanges += count
    jit_count = jits.count()
    for through in (
        JointInvestigationTeam.partners.through,
        JointInvestigationTeam.participants.through,
    ):
        for partner_id in through.objects.filter(
            jointinvestigationteam_id__in=jits.values("pk")
        ).values_list("partner_id", flat=True):
            found = row(partner_id)
            if found is not None:
                found.jits += 1
    operation_count = operations.count()
    for partner_id in Operation.partners.through.objects.filter(
        operation_id__in=operations.values("pk")
    ).values_list("partner_id", flat=True):
        found = row(partner_id)
        if found is not None:
            found.action_days += 1
    ranked = sorted(
        rows.values(),
        key=lambda r: (-r.cases, -r.exchanges, -r.jits, -r.action_days, r.partner.name),
    )
    return CaseworkReport(
        start=start,
        end=end,
        include_demo=include_demo,
        demo_present=demo_present,
        cases=case_count,
        cases_with_partners=len(with_partners),
        exchanges=exchange_total,
        jits=jit_count,
        action_days=operation_count,
        partners=ranked,
        crime_areas=sorted(areas.items(), key=lambda item: (-item[1], item[0])),
    )
