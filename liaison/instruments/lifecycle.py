"""The lifecycle rules: which event may follow which, per instrument type.

The table is transitions.yaml next to this module, read once at import and checked
against the event kinds and instrument types; this module only reads it. Which types can
carry personal data (and so change only with four eyes) is not stated here but read from
the law: the instrument types of the transfer engine's routes (transfers/provisions.yaml).
Histories are checked whole, in the order statuses are computed in (date, then lifecycle order), so
an event recorded with a past date must fit between the events around it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from liaison.core.text import with_indefinite_article
from liaison.instruments.choices import EVENT_RANK, EventKind, InstrumentType
from liaison.transfers import rules

START = "start"
TABLE_PATH = Path(__file__).with_name("transitions.yaml")


def _load(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    content: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = set(EventKind.values)
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for type_code, moves in content["types"].items():
        if type_code not in InstrumentType.values:
            raise ValueError(f"{path.name}: unknown instrument type {type_code!r}")
        table[type_code] = {}
        for after, following in moves.items():
            if after != START and after not in kinds:
                raise ValueError(f"{path.name}: {type_code}: unknown event kind {after!r}")
            unknown = set(following) - kinds
            if unknown:
                raise ValueError(f"{path.name}: {type_code}: unknown event kinds {unknown}")
            table[type_code][after] = tuple(following)
        reachable = {kind for following in table[type_code].values() for kind in following}
        undefined = reachable - table[type_code].keys()
        if undefined or START not in table[type_code]:
            raise ValueError(
                f"{path.name}: {type_code}: say what may follow {sorted(undefined) or START}"
            )
    missing = set(InstrumentType.values) - table.keys()
    if missing:
        raise ValueError(f"{path.name}: no transitions for {sorted(missing)}")
    if "legal_basis_types" in content:
        raise ValueError(
            f"{path.name}: which types can carry personal data is the law's to say: "
            f"routes in {rules.PROVISIONS_PATH.name}, not legal_basis_types here"
        )
    return table


def _legal_basis_types() -> frozenset[str]:
    """The types a route of the transfer engine rests on (provisions.yaml, `routes`): the
    one statement of which instruments can carry personal data. Every type of this app must
    be one the law classifies, as a route's or as no basis."""
    unclassified = set(InstrumentType.values) ^ set(rules.INSTRUMENT_TYPES)
    if unclassified:
        raise ValueError(
            f"instrument types {sorted(unclassified)} are not both in InstrumentType and "
            f"in the transfer engine ({rules.PROVISIONS_PATH.name} classifies each type)"
        )
    return frozenset(rules.ROUTE_INSTRUMENT_TYPES.values())


TRANSITIONS = _load(TABLE_PATH)
LEGAL_BASIS_TYPES = _legal_basis_types()


@dataclass(frozen=True)
class Step:
    """An event as the rules see it: its kind and date (None when unknown)."""

    kind: str
    date: datetime.date | None
    order: int = 0  # among events of the same day and kind: earlier recorded first


def carries_personal_data(instrument_type: str) -> bool:
    """Can instruments of this type be a legal basis for transfers of personal data?"""
    return instrument_type in LEGAL_BASIS_TYPES


def next_kinds(instrument_type: str, previous: str | None) -> tuple[str, ...]:
    """The events that may follow `previous` (None: the first event)."""
    return TRANSITIONS[instrument_type].get(previous or START, ())


def ordered(steps: Iterable[Step]) -> list[Step]:
    """Steps in the order statuses are computed in: undated first, then by date and kind."""
    return sorted(
        steps,
        key=lambda step: (
            step.date is not None,
            step.date or datetime.date.min,
            EVENT_RANK[step.kind],
            step.order,
        ),
    )


def _label(kind: str | None) -> str:
    return str(EventKind(kind).label) if kind else _("the start")


def _moves_text(instrument_type: str, previous: str | None) -> str:
    moves = next_kinds(instrument_type, previous)
    if not moves:
        return _("nothing may follow it")
    return _("the possible moves are: %(moves)s") % {
        "moves": ", ".join(f"{_label(kind)} ({kind})" for kind in moves)
    }


def _when(step: Step) -> str:
    return step.date.isoformat() if step.date else _("date unknown")


def history_problem(
    instrument_type: str, steps: Sequence[Step], new: Step | None = None
) -> str | None:
    """What is wrong with this history (with `new` added), in words; None if it is allowed."""
    type_label = str(InstrumentType(instrument_type).label)
    previous: str | None = None
    for step in ordered([*steps, *([new] if new else [])]):
        if step.kind not in next_kinds(instrument_type, previous):
            if new is not None and step is not new and previous == new.kind:
                return _(
                    "Recording “%(new)s” on %(date)s would leave the later event “%(kind)s” "
                    "of %(later)s impossible for %(a_type)s: after “%(new)s”, %(moves)s."
                ) % {
                    "new": _label(new.kind),
                    "date": _when(new),
                    "kind": _label(step.kind),
                    "later": _when(step),
                    "a_type": with_indefinite_article(type_label),
                    "moves": _moves_text(instrument_type, new.kind),
                }
            return capfirst(
                _(
                    "%(a_type)s cannot go from “%(previous)s” to “%(kind)s” (%(date)s): "
                    "from “%(previous)s”, %(moves)s."
                )
                % {
                    "a_type": with_indefinite_article(type_label),
                    "previous": _label(previous),
                    "kind": _label(step.kind),
                    "date": _when(step),
                    "moves": _moves_text(instrument_type, previous),
                }
            )
        previous = step.kind
    return None


def current_next_kinds(instrument_type: str, steps: Sequence[Step]) -> tuple[str, ...]:
    """The moves possible after the last event recorded (in date order)."""
    last = ordered(steps)[-1].kind if steps else None
    return next_kinds(instrument_type, last)
