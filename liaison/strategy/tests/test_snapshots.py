"""`liaison strategy-snapshot` stores dated progress once per day; the history shows it
as a table and an SVG chart."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.strategy.charts import progress_chart_svg
from liaison.strategy.models import ProgressSnapshot
from liaison.strategy.tests.conftest import key_action, partner, working_arrangements_target

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def chile(strategy):
    cl = partner("CL")
    partner("AU")
    key_action(strategy, "wa", working_arrangements_target("CL", "AU"))
    key_action(strategy, "story", {"kind": "narrative"})
    return InstrumentFactory(partner=cl)


def snapshot(*args: str) -> str:
    out = StringIO()
    call_command("strategy_snapshot", *args, stdout=out)
    return out.getvalue()


def test_it_stores_each_measurable_key_actions_progress_once_a_day(chile):
    snapshot("--date", "2025-01-31")
    snapshot("--date", "2025-01-31")
    assert ProgressSnapshot.objects.count() == 1  # the narrative one has none
    assert ProgressSnapshot.objects.get().percent == 0


def test_a_second_run_the_same_day_replaces_the_figure(chile):
    snapshot("--date", "2025-01-31")
    add_event(chile, "in_force", datetime.date(2025, 1, 15))
    assert "1 replaced" in snapshot("--date", "2025-01-31")
    assert ProgressSnapshot.objects.get().percent == 50


def test_a_bad_date_or_strategy_is_a_message(chile):
    with pytest.raises(CommandError, match="not a date"):
        snapshot("--date", "31.01.2025")
    with pytest.raises(CommandError, match="No strategy"):
        snapshot("--strategy", "nope")


def test_without_a_strategy_it_says_what_to_do(db):
    with pytest.raises(CommandError, match="load-strategy"):
        snapshot()


def test_the_history_shows_a_table_and_a_chart(bob_client, chile):
    snapshot("--date", "2025-01-31")
    add_event(chile, "in_force", datetime.date(2025, 2, 15))
    snapshot("--date", "2025-02-28")
    page = bob_client.get(reverse("strategy:history")).content.decode()
    assert "2025-01-31" in page and "2025-02-28" in page
    assert "<svg" in page and "<polyline" in page
    assert "50 %" in page


def test_the_history_says_when_no_snapshot_was_taken(bob_client, chile):
    assert "No snapshot" in bob_client.get(reverse("strategy:history")).content.decode()


def test_the_chart_escapes_its_labels():
    svg = progress_chart_svg({"<b>": [(datetime.date(2025, 1, 1), 10)]}, title="a & b")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg


def test_the_api_gives_the_snapshots(api_bob, chile, strategy):
    snapshot("--date", "2025-01-31")
    response = api_bob.get(reverse("strategy-snapshots", kwargs={"key": strategy.key}))
    assert response.json() == [
        {"key_action": "wa", "taken_on": "2025-01-31", "percent": 0, "figure": "0 / 2"}
    ]
