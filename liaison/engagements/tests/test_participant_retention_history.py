"""When a participant is anonymised, the name leaves the change history too; and a date
known only to the month or year counts from the end of that month or year."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from conftest import make_persona
from liaison.core.testing.history import history_text
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.engagements.services import (
    ANONYMISED_PARTICIPANT,
    engagement_ended_on,
    engagement_participants_anonymise,
)

pytestmark = [pytest.mark.django_db]

NAME = "Demo Participant Gone"


@pytest.fixture
def visit(settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 730
    engagement = Engagement.objects.create(
        key="old-visit",
        kind="study_visit",
        title="Old visit",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 1, 10),
    )
    participant = EngagementParticipant.objects.create(
        engagement=engagement, name="Demo Participnt Gone", role="Prosecutor"
    )
    participant.name = NAME  # a corrected typo: both spellings are in the history
    participant.save()
    # An entry as the history wrote them when a participant was shown with its name.
    LogEntry.objects.log_create(
        participant,
        action=LogEntry.Action.UPDATE,
        changes={"role": ["", "Prosecutor"]},
        object_repr=f"{NAME} (old-visit)",
    )
    return engagement, participant


def test_it_leaves_no_name_in_any_history_entry(visit):
    engagement, participant = visit
    assert NAME in history_text(LogEntry.objects.get_for_object(participant))
    before = LogEntry.objects.get_for_object(participant).count()

    assert engagement_participants_anonymise(on=datetime.date(2022, 6, 1)) == [participant]

    everything = history_text(LogEntry.objects.all())
    assert NAME not in everything and "Demo Participnt Gone" not in everything
    entries = list(LogEntry.objects.get_for_object(participant).order_by("pk"))
    assert len(entries) == before + 1
    assert entries[-1].changes["name"] == ["[removed]", ANONYMISED_PARTICIPANT]
    assert entries[0].serialized_data["fields"]["role"] == "Prosecutor"
    assert {entry.object_repr for entry in entries} == {
        f"participant #{participant.pk} of old-visit"
    }


def test_the_engagement_page_and_the_change_log_do_not_show_the_name(visit, django_user_model):
    engagement, _participant = visit
    engagement_participants_anonymise(on=datetime.date(2022, 6, 1))
    for persona in ("alice", "erin"):
        client = make_client(django_user_model, persona)
        for url in (engagement.get_absolute_url(), "/changes/"):
            response = client.get(url)
            assert response.status_code == 200, (persona, url)
            assert NAME not in response.content.decode(), (persona, url)


def make_client(django_user_model: Any, persona: str) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(make_persona(django_user_model, persona))
    return client


def test_a_dry_run_changes_nothing_in_the_history_either(visit, settings, capsys):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 1
    columns = ("pk", "changes", "changes_text", "serialized_data", "object_repr")
    before = list(LogEntry.objects.order_by("pk").values_list(*columns))
    call_command("engagements_retention", "--dry-run")
    assert "would be anonymised" in capsys.readouterr().out
    assert list(LogEntry.objects.order_by("pk").values_list(*columns)) == before
    assert EngagementParticipant.objects.filter(name=NAME).exists()


@pytest.mark.parametrize(
    ("precision", "start", "ends"),
    [
        ("day", datetime.date(2020, 2, 1), datetime.date(2020, 2, 1)),
        ("month", datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
        ("month", datetime.date(2020, 12, 1), datetime.date(2020, 12, 31)),
        ("year", datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
    ],
)
def test_it_counts_a_month_or_year_date_from_its_last_day(settings, precision, start, ends):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 730
    engagement = Engagement.objects.create(
        key=f"e-{precision}-{start.month}",
        kind="conference",
        title="Known to the " + precision,
        start_date=start,
        date_precision=precision,
    )
    participant = EngagementParticipant.objects.create(engagement=engagement, name="Demo")
    assert engagement_ended_on(engagement) == ends
    last_kept = ends + datetime.timedelta(days=730)
    assert engagement_participants_anonymise(on=last_kept) == []
    assert engagement_participants_anonymise(on=last_kept + datetime.timedelta(days=1)) == [
        participant
    ]


def test_an_end_date_is_taken_as_it_is_whatever_the_precision(settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 730
    engagement = Engagement.objects.create(
        key="ended",
        kind="conference",
        title="Known to the year, with an end",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 3, 5),
        date_precision="year",
    )
    assert engagement_ended_on(engagement) == datetime.date(2020, 3, 5)


def test_it_redacts_on_request_the_history_of_those_anonymised_earlier(visit, capsys):
    _engagement, participant = visit
    # Anonymised as before this change: the record, not its history.
    participant.name = ANONYMISED_PARTICIPANT
    participant.anonymised_on = datetime.date(2022, 6, 1)
    participant.save()
    assert NAME in history_text(LogEntry.objects.all())

    call_command("engagements_retention", "--redact-earlier", "--dry-run")
    assert "would be redacted" in capsys.readouterr().out
    assert NAME in history_text(LogEntry.objects.all())

    call_command("engagements_retention", "--redact-earlier")
    assert "history entry(ies) of earlier anonymisations redacted" in capsys.readouterr().out
    assert NAME not in history_text(LogEntry.objects.all())
    call_command("engagements_retention", "--redact-earlier")
    assert "0 history entry(ies)" in capsys.readouterr().out
