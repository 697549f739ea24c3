"""How far a key action has come, from facts gathered from the register.

Pure: plain data in, plain data out, no Django. The selector gathers the facts in a
fixed number of queries; each target kind is one function here."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Instrument statuses in the order an instrument moves through them; suspended and ended
# reach no level (an instrument that left force no longer counts).
STATUS_LEVEL: dict[str, int] = {
    "planned": 0,
    "proposed": 1,
    "negotiating": 2,
    "signed": 3,
    # Provisional application goes beyond signature but is not entry into force.
    "provisionally_applied": 3,
    "in_force": 4,
}


class TargetError(ValueError):
    """A key action's target is malformed: the message says what is wrong."""


@dataclass(frozen=True)
class RegisterFacts:
    """What the register says on `on`, as plain data."""

    on: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    # partner code -> [(instrument type, status on `on` or None)]
    instruments: Mapping[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    # codes of partners with a contact point active on `on`, and of those that are countries
    contact_point_partners: frozenset[str] = frozenset()
    countries_with_contact_point: int = 0
    # dates of contact-point meetings held on or before `on`
    meeting_dates: tuple[datetime.date, ...] = ()


@dataclass(frozen=True)
class Progress:
    """`percent` is None for a key action without a measurable target."""

    percent: int | None
    done: list[str]
    not_done: list[str]
    figure: str = ""  # e.g. "3 of 12", "74 countries (baseline 70)"
    measurable: bool = True

    @property
    def done_count(self) -> int:
        return len(self.done)

    @property
    def total(self) -> int:
        return len(self.done) + len(self.not_done)


def _percent(done: int, total: int) -> int:
    return 100 if total == 0 else min(100, round(100 * done / total))


def _codes(target: Mapping[str, Any], name: str) -> list[str]:
    codes = target.get(name)
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise TargetError(f"'{name}' must be a non-empty list of partner codes")
    return codes


def instrument_status(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    """Each partner has an instrument of the given type(s) at the given status or beyond."""
    partners = _codes(target, "partners")
    types = target.get("instrument_types") or [target.get("instrument_type")]
    wanted = target.get("status_at_least")
    if wanted not in STATUS_LEVEL:
        raise TargetError(f"'status_at_least' must be one of {', '.join(STATUS_LEVEL)}")
    if not all(isinstance(t, str) for t in types):
        raise TargetError("'instrument_type' or 'instrument_types' is required")
    level = STATUS_LEVEL[wanted]
    done: list[str] = []
    not_done: list[str] = []
    for code in partners:
        reached = any(
            kind in types and status is not None and STATUS_LEVEL.get(status, -1) >= level
            for kind, status in facts.instruments.get(code, [])
        )
        (done if reached else not_done).append(code)
    return Progress(
        _percent(len(done), len(partners)), done, not_done, f"{len(done)} / {len(partners)}"
    )


def active_contact_points(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    """Countries with an active contact point, against a baseline (and a target if given)."""
    baseline = target.get("baseline")
    goal = target.get("target", baseline)
    if not isinstance(goal, int) or goal <= 0:
        raise TargetError("'baseline' (or 'target') must be a positive whole number")
    count = facts.countries_with_contact_point
    return Progress(_percent(count, goal), [], [], f"{count} / {goal}")


def network_contact_points(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    """Each named network has appointed a contact point that is active."""
    partners = _codes(target, "partners")
    done = [code for code in partners if code in facts.contact_point_partners]
    not_done = [code for code in partners if code not in facts.contact_point_partners]
    return Progress(
        _percent(len(done), len(partners)), done, not_done, f"{len(done)} / {len(partners)}"
    )


def meetings_per_year(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    """Each year of the strategy so far has had at least `per_year` meetings (default 1)."""
    per_year = target.get("per_year", 1)
    if not isinstance(per_year, int) or per_year <= 0:
        raise TargetError("'per_year' must be a positive whole number")
    last = min(facts.on.year, facts.period_end.year)
    years = [str(year) for year in range(facts.period_start.year, last + 1)]
    held: dict[str, int] = {}
    for day in facts.meeting_dates:
        held[str(day.year)] = held.get(str(day.year), 0) + 1
    done = [year for year in years if held.get(year, 0) >= per_year]
    not_done = [year for year in years if held.get(year, 0) < per_year]
    return Progress(
        _percent(len(done), len(years)) if years else 0,
        done,
        not_done,
        f"{len(done)} / {len(years)}",
    )


def narrative(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    return Progress(None, [], [], "", measurable=False)


TARGET_FUNCTIONS: dict[str, Callable[[Mapping[str, Any], RegisterFacts], Progress]] = {
    "instrument_status": instrument_status,
    "active_contact_points": active_contact_points,
    "network_contact_points": network_contact_points,
    "meetings_per_year": meetings_per_year,
    "narrative": narrative,
}


def target_check(target: Any) -> None:
    """Raise TargetError if `target` cannot be computed (used when loading)."""
    if not isinstance(target, Mapping):
        raise TargetError("a target must be a mapping with a 'kind'")
    kind = target.get("kind", "narrative")
    if kind not in TARGET_FUNCTIONS:
        raise TargetError(
            f"unknown target kind '{kind}'; expected one of {', '.join(TARGET_FUNCTIONS)}"
        )
    day = datetime.date(2024, 1, 1)
    TARGET_FUNCTIONS[kind](target, RegisterFacts(on=day, period_start=day, period_end=day))


def progress_of(target: Mapping[str, Any], facts: RegisterFacts) -> Progress:
    return TARGET_FUNCTIONS[str(target.get("kind", "narrative"))](target, facts)


def partner_codes(target: Mapping[str, Any]) -> list[str]:
    """The partners a target names (to gather their instruments in one query)."""
    codes = target.get("partners")
    return [c for c in codes if isinstance(c, str)] if isinstance(codes, list) else []
