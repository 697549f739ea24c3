"""The dashboard and the progress API: six priorities, live progress, a constant number of
queries whatever the size of the register."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.partners.models import Partner
from liaison.strategy.tests.conftest import (
    contact_point,
    key_action,
    partner,
    working_arrangements_target,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def chile_target(strategy):
    partner("CL")
    partner("AU")
    key_action(strategy, "wa", working_arrangements_target("CL", "AU"), priority=2)
    key_action(strategy, "story", {"kind": "narrative"}, priority=3)
    return strategy


def test_it_shows_the_six_priorities_and_the_progress(bob_client, chile_target):
    page = bob_client.get(reverse("strategy:dashboard")).content.decode()
    for number in range(1, 7):
        assert f"Priority {number}: Priority title {number}" in page
    assert "0 %" in page
    assert "no measurable target" in page


def test_progress_changes_by_itself_when_chile_comes_into_force(bob_client, chile_target):
    chile = InstrumentFactory(partner=Partner.objects.get(code="CL"))
    add_event(chile, "signed", datetime.date(2024, 7, 10))
    assert "50 %" not in bob_client.get(reverse("strategy:dashboard")).content.decode()
    add_event(chile, "in_force", datetime.date(2024, 9, 1))
    page = bob_client.get(reverse("strategy:dashboard")).content.decode()
    assert 'value="50"' in page and "50 %" in page


def test_a_bad_date_is_explained_not_a_crash(bob_client, chile_target):
    response = bob_client.get(reverse("strategy:dashboard"), {"as_of": "yesterday"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_without_a_strategy_it_says_how_to_load_one(bob_client, db):
    response = bob_client.get(reverse("strategy:dashboard"))
    assert "liaison load-strategy" in response.content.decode()


def test_the_nav_links_to_the_dashboard(bob_client, chile_target):
    assert reverse("strategy:dashboard") in bob_client.get(reverse("home")).content.decode()


def test_the_api_gives_the_progress(api_bob, chile_target):
    chile = InstrumentFactory(partner=Partner.objects.get(code="CL"))
    add_event(chile, "in_force", datetime.date(2024, 9, 1))
    response = api_bob.get(reverse("strategy-progress", kwargs={"key": chile_target.key}))
    assert response.status_code == 200
    second = response.json()["priorities"][1]
    assert second["percent"] == 50
    assert second["key_actions"][0]["done"] == ["CL"]
    assert second["key_actions"][0]["not_done"] == ["AU"]


def test_the_api_refuses_a_bad_date_with_a_message(api_bob, chile_target):
    response = api_bob.get(
        reverse("strategy-progress", kwargs={"key": chile_target.key}), {"as_of": "31/12/2024"}
    )
    assert response.status_code == 400
    assert "as_of" in response.json()


def grow(strategy, count: int) -> None:
    """Partners named by targets, each with instruments and contact points."""
    first = Partner.objects.count()
    for number in range(first, first + count):
        p = partner(f"Z{number:03d}")
        add_event(InstrumentFactory(partner=p), "in_force", datetime.date(2024, 5, 1))
        contact_point(p)
    action = key_action(
        strategy,
        f"grown-{count}",
        working_arrangements_target(*[f"Z{n:03d}" for n in range(first, first + count)]),
        priority=4,
    )
    from liaison.engagements.models import Engagement

    for number in range(first, first + count):
        engagement = Engagement.objects.create(
            key=f"e-{number}", kind="conference", title="E", start_date=datetime.date(2024, 6, 1)
        )
        engagement.key_actions.add(action)
        engagement.partners.add(Partner.objects.get(code=f"Z{number:03d}"))


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["web", "api"])
def test_the_dashboard_makes_as_many_queries_for_a_large_register_as_for_a_small(
    name, strategy, bob_client, api_bob
):
    client = bob_client if name == "web" else api_bob
    url = (
        reverse("strategy:dashboard")
        if name == "web"
        else reverse("strategy-progress", kwargs={"key": strategy.key})
    )
    grow(strategy, 3)
    small = queries(client, url)
    grow(strategy, 60)
    assert queries(client, url) == small
    assert small == (PINNED_WEB if name == "web" else PINNED_API)


# + 1: the number of demo records, for the notice; + 12: the summary (instrument counts and
# contact-point countries now and a month ago, the month's events: 5) and the three charts
# (instruments and their events: 2, coverage by region: 3, engagements per priority: 2).
PINNED_WEB = 33  # the summary 5, the charts 7, the notifications badge 1
PINNED_API = 14  # + 1: the number of demo records


def test_it_shows_the_latest_engagements_that_served_each_priority(bob_client, chile_target):
    from liaison.engagements.models import Engagement
    from liaison.strategy.models import KeyAction

    meeting = Engagement.objects.create(
        key="tm-cl",
        kind="technical_meeting",
        title="Technical meeting with Chile",
        start_date=datetime.date(2024, 5, 2),
    )
    meeting.key_actions.add(KeyAction.objects.get(key="wa"))
    Engagement.objects.create(
        key="later",
        kind="conference",
        title="Future conference",
        start_date=datetime.date(2099, 1, 1),
    ).key_actions.add(KeyAction.objects.get(key="wa"))
    page = bob_client.get(reverse("strategy:dashboard")).content.decode()
    section = page.split('id="priority-2"')[1].split("</section>")[0]
    assert "Technical meeting with Chile" in section
    assert "Future conference" not in section
