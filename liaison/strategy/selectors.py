"""Strategy progress, computed from the register when asked, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from liaison.contacts.demo import demo_record_count
from liaison.contacts.models import ContactPoint, Meeting, demo_email_q, demo_meeting_q
from liaison.core.dates import today
from liaison.instruments.models import Instrument
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction, Priority, ProgressSnapshot, Strategy
from liaison.strategy.progress import (
    Progress,
    RegisterFacts,
    TargetError,
    partner_codes,
    progress_of,
)


@dataclass
class KeyActionProgress:
    key_action: KeyAction
    progress: Progress
    done: list[Partner | str] = field(default_factory=list)
    not_done: list[Partner | str] = field(default_factory=list)
    error: str = ""


@dataclass
class PriorityProgress:
    priority: Priority
    key_actions: list[KeyActionProgress]

    @property
    def percent(self) -> int | None:
        """The mean of its measurable key actions; None when it has none."""
        figures = [
            entry.progress.percent
            for entry in self.key_actions
            if entry.progress.percent is not None
        ]
        return round(sum(figures) / len(figures)) if figures else None


@dataclass
class StrategyProgress:
    strategy: Strategy
    on: datetime.date
    priorities: list[PriorityProgress]
    include_demo: bool = False
    # demo records in the register (left out of the figures unless `include_demo`)
    demo_records: int = 0

    def key_actions(self) -> list[KeyActionProgress]:
        return [entry for priority in self.priorities for entry in priority.key_actions]


def _active_on(day: datetime.date) -> Q:
    return Q(appointed_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def register_facts(
    *, strategy: Strategy, codes: set[str], on: datetime.date, include_demo: bool = False
) -> tuple[RegisterFacts, dict[str, Partner]]:
    """Four queries, whatever the size of the register. Demo contact points and meetings
    (`liaison demo-data`) are left out unless `include_demo`."""
    contact_points = ContactPoint.objects.all()
    meetings = Meeting.objects.all()
    if not include_demo:
        contact_points = contact_points.exclude(demo_email_q())
        meetings = meetings.exclude(demo_meeting_q())
    instruments: dict[str, list[tuple[str, str | None]]] = {}
    for code, kind, status in (
        Instrument.objects.with_status(on)
        .filter(partner__code__in=codes)
        .values_list("partner__code", "type", "status")  # type: ignore[misc]
    ):
        instruments.setdefault(code, []).append((kind, status))
    # Each partner asked whether it has one (an index probe, stopping at the first found),
    # rather than every contact point ever appointed read and made distinct.
    active = set(
        Partner.objects.filter(
            Exists(contact_points.filter(_active_on(on), partner=OuterRef("pk")))
        )
        .order_by()
        .values_list("code", "kind")
    )
    meeting_dates = tuple(
        meetings.filter(date__gte=strategy.period_start, date__lte=on).values_list(
            "date", flat=True
        )
    )
    partners = {p.code: p for p in Partner.objects.filter(code__in=codes)}
    facts = RegisterFacts(
        on=on,
        period_start=strategy.period_start,
        period_end=strategy.period_end,
        instruments=instruments,
        contact_point_partners=frozenset(code for code, _kind in active),
        countries_with_contact_point=sum(1 for _c, kind in active if kind == PartnerKind.COUNTRY),
        meeting_dates=meeting_dates,
    )
    return facts, partners


def strategy_progress(
    *, strategy: Strategy, on: datetime.date | None = None, include_demo: bool = False
) -> StrategyProgress:
    """Every key action's progress on `on` (default today), grouped by priority; demo
    records left out unless `include_demo` (their number is given either way)."""
    day = on or today()
    priorities = list(strategy.priorities.order_by("number"))
    key_actions = list(
        KeyAction.objects.filter(priority__strategy=strategy).order_by("priority__number", "number")
    )
    codes = {code for action in key_actions for code in partner_codes(action.target)}
    facts, partners = register_facts(
        strategy=strategy, codes=codes, on=day, include_demo=include_demo
    )
    by_priority: dict[int, list[KeyActionProgress]] = {p.pk: [] for p in priorities}
    for action in key_actions:
        try:
            progress = progress_of(action.target, facts)
            error = ""
        except TargetError as problem:
            progress = Progress(None, [], [], "", measurable=False)
            error = str(problem)
        by_priority[action.priority_id].append(
            KeyActionProgress(
                key_action=action,
                progress=progress,
                done=[partners.get(code, code) for code in progress.done],
                not_done=[partners.get(code, code) for code in progress.not_done],
                error=error,
            )
        )
    return StrategyProgress(
        strategy=strategy,
        on=day,
        priorities=[PriorityProgress(p, by_priority[p.pk]) for p in priorities],
        include_demo=include_demo,
        demo_records=demo_record_count(),
    )


def current_strategy() -> Strategy | None:
    """The strategy whose period includes today, else the latest."""
    on = today()
    return (
        Strategy.objects.filter(period_start__lte=on, period_end__gte=on).first()
        or Strategy.objects.first()
    )


@dataclass
class ProgressHistory:
    dates: list[datetime.date]
    # (key action, percent per date or None when no snapshot was taken that day)
    rows: list[tuple[KeyAction, list[int | None]]]

    def series(self) -> dict[str, list[tuple[datetime.date, int]]]:
        # Named, not numbered: a legend of bare "1.2" sent readers to the table.
        return {
            f"{action.priority.number}.{action.number} {action.text}": [
                (day, percent)
                for day, percent in zip(self.dates, percents, strict=True)
                if percent is not None
            ]
            for action, percents in self.rows
        }


def progress_history(*, strategy: Strategy) -> ProgressHistory:
    """The snapshots taken, as a table of key actions by date (two queries)."""
    snapshots = list(
        ProgressSnapshot.objects.filter(key_action__priority__strategy=strategy).values_list(
            "key_action_id", "taken_on", "percent"
        )
    )
    dates = sorted({taken_on for _id, taken_on, _percent in snapshots})
    by_action: dict[int, dict[datetime.date, int | None]] = {}
    for action_id, taken_on, percent in snapshots:
        by_action.setdefault(action_id, {})[taken_on] = percent
    actions = (
        KeyAction.objects.filter(pk__in=by_action)
        .select_related("priority")
        .order_by("priority__number", "number")
    )
    return ProgressHistory(
        dates=dates,
        rows=[(action, [by_action[action.pk].get(day) for day in dates]) for action in actions],
    )
