"""The summary read first on the home page and the strategy dashboard: figures from the
register against a month before, demo records left out."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.urls import reverse

from liaison.contacts.models import DEMO_PARTNER_NOTE
from liaison.core.dates import today
from liaison.instruments.choices import EventKind, InstrumentType
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.strategy.overview import overview
from liaison.strategy.tests.conftest import (
    contact_point,
    key_action,
    partner,
    working_arrangements_target,
)

pytestmark = [pytest.mark.django_db]


def figures(on: datetime.date) -> dict[str, tuple[int, int]]:
    return {str(f.label): (f.value, f.previous) for f in overview(on=on).figures}


@pytest.fixture
def register() -> None:
    day = today()
    chile, peru = partner("CL"), partner("PE")
    agreement = InstrumentFactory(partner=chile, type=InstrumentType.INTERNATIONAL_AGREEMENT)
    add_event(agreement, EventKind.IN_FORCE, day - datetime.timedelta(days=10))
    arrangement = InstrumentFactory(partner=peru)
    add_event(arrangement, EventKind.IN_FORCE, datetime.date(2021, 5, 1))
    negotiated = InstrumentFactory(partner=peru, type=InstrumentType.INTERNATIONAL_AGREEMENT)
    add_event(negotiated, EventKind.MANDATE, datetime.date(2022, 3, 1))
    contact_point(chile, email="someone@chile.example")
    # A demo partner's agreement and a demo contact point count in no figure.
    demo = partner("DM")
    demo.description = DEMO_PARTNER_NOTE
    demo.save()
    fake = InstrumentFactory(partner=demo, type=InstrumentType.INTERNATIONAL_AGREEMENT)
    add_event(fake, EventKind.IN_FORCE, datetime.date(2021, 1, 1))
    contact_point(peru, email="demo.contact.001@example.invalid")


def test_it_counts_what_is_in_force_now_and_a_month_ago(register: None) -> None:
    found = figures(today())
    assert found["Agreements in force"] == (1, 0)
    assert found["Working arrangements in force"] == (1, 1)
    assert found["Mandates under negotiation"] == (1, 1)
    assert found["Countries with a contact point"] == (1, 1)


def test_it_lists_what_changed_in_the_month(register: None) -> None:
    events = overview(on=today()).recent_events
    assert [event.instrument.partner.code for event in events] == ["CL"]


def test_the_home_page_opens_with_the_summary(register: None, bob_client: Any) -> None:
    page = html.unescape(bob_client.get(reverse("home")).content.decode())
    assert page.index("At a glance") < page.index("World map")
    assert "Agreements in force" in page and "+1" in page
    assert "target 70+" in page


def test_the_dashboard_opens_with_the_summary_then_the_charts(
    register: None, strategy: Any, bob_client: Any
) -> None:
    key_action(strategy, "wa-peru", working_arrangements_target("PE"))  # done: in force
    key_action(strategy, "wa-chile", working_arrangements_target("CL"))  # not done
    page = html.unescape(bob_client.get(reverse("strategy:dashboard")).content.decode())
    summary, charts = page.index("At a glance"), page.index('id="charts-heading"')
    assert summary < charts < page.index("Priorities in detail")
    for title in (
        "Instruments in force over time",
        "Contact-point coverage by region",
        "Engagements per priority",
    ):
        assert f"{title}</title>" in page and f"{title}, as a table" in page
    assert "Key actions done" in page
    done = re.search(r'overview-value">(\d+)</span>\s*<span class="overview-target">of 2<', page)
    assert done is not None and done.group(1) == "1"
