"""`liaison load-strategy` and `liaison load-engagements` never overwrite what was changed
or recorded in the app: the change is reported by file and record and kept, and a rerun
on an unchanged file writes nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from liaison.engagements.models import Engagement
from liaison.engagements.services import engagement_create, engagement_update
from liaison.strategy.models import KeyAction

pytestmark = [pytest.mark.django_db]


def load(command: str) -> str:
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(reference_data):
    load("load_strategy")
    load("load_engagements")


def test_a_key_action_changed_in_the_app_is_reported_and_kept(loaded):
    action = KeyAction.objects.get(key="p1-support-commission-negotiations")
    action.narrative = "Updated by the strategy team."
    action.save()

    first = load("load_strategy")
    assert KeyAction.objects.get(pk=action.pk).narrative == "Updated by the strategy team."
    assert "strategy.yaml, key action 'p1-support-commission-negotiations'" in first
    entries = LogEntry.objects.count()
    second = load("load_strategy")
    assert LogEntry.objects.count() == entries
    assert "nothing changed" in second


def test_an_engagement_changed_in_the_app_is_reported_and_kept(loaded):
    engagement = Engagement.objects.get(key="study-visit-nigeria-west-africa-2023-06")
    engagement_update(engagement=engagement, data={"outcomes": "Recorded by an officer."})

    first = load("load_engagements")
    assert Engagement.objects.get(pk=engagement.pk).outcomes == "Recorded by an officer."
    assert "engagements.yaml, engagement 'study-visit-nigeria-west-africa-2023-06'" in first
    stamps = list(Engagement.objects.order_by("pk").values_list("last_updated", flat=True))
    entries = LogEntry.objects.count()
    second = load("load_engagements")
    assert LogEntry.objects.count() == entries
    assert list(Engagement.objects.order_by("pk").values_list("last_updated", flat=True)) == stamps
    assert "nothing changed" in second


def test_an_engagement_recorded_in_the_app_is_left_alone(loaded):
    recorded = engagement_create(
        data={
            "kind": "technical_meeting",
            "title": "App meeting",
            "start_date": datetime.date(2026, 5, 4),
        }
    )
    load("load_engagements")
    assert Engagement.objects.get(pk=recorded.pk).title == "App meeting"
