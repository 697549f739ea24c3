"""A small strategy against a crafted register: one key action per target kind."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.contacts.models import ContactPoint
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction, Priority, Strategy

ON = datetime.date(2025, 6, 1)


def partner(code: str, kind: str = "country") -> Partner:
    return Partner.objects.create(code=code, kind=kind, name=f"Partner {code}")


def contact_point(
    p: Partner, appointed_on: datetime.date = datetime.date(2024, 1, 1), **kw: Any
) -> ContactPoint:
    return ContactPoint.objects.create(
        partner=p,
        name="Demo Contact (fictitious)",
        organisation="Ministry",
        appointing_body_kind="competent_authority",
        appointing_body="Ministry",
        appointed_on=appointed_on,
        **kw,
    )


@pytest.fixture
def strategy(db: Any) -> Strategy:
    strategy = Strategy.objects.create(
        key="test-strategy",
        title="Test strategy",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    for number in range(1, 7):
        Priority.objects.create(strategy=strategy, number=number, title=f"Priority title {number}")
    return strategy


def key_action(
    strategy: Strategy, key: str, target: dict[str, Any], priority: int = 1
) -> KeyAction:
    return KeyAction.objects.create(
        priority=strategy.priorities.get(number=priority),
        key=key,
        number=KeyAction.objects.count() + 1,
        text=f"Key action {key}",
        target=target,
    )


def working_arrangements_target(*codes: str) -> dict[str, Any]:
    return {
        "kind": "instrument_status",
        "instrument_type": "working_arrangement",
        "status_at_least": "in_force",
        "partners": list(codes),
    }
