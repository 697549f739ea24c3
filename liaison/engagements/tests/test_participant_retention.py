"""Participants of engagements that ended long ago lose their names, under the same rule as
contact details; who they represented stays."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.engagements.services import (
    ANONYMISED_PARTICIPANT,
    engagement_participants_anonymise,
)
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def engagements(settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 730
    chile = Partner.objects.create(code="CL", kind="country", name="Chile")
    old = Engagement.objects.create(
        key="old",
        kind="study_visit",
        title="Old visit",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 1, 10),
    )
    recent = Engagement.objects.create(
        key="recent", kind="conference", title="Recent", start_date=datetime.date(2021, 6, 1)
    )
    gone = EngagementParticipant.objects.create(
        engagement=old,
        name="Demo Participant One",
        organisation="Ministry of Justice",
        role="Prosecutor",
        partner=chile,
    )
    stays = EngagementParticipant.objects.create(engagement=recent, name="Demo Participant Two")
    return gone, stays


def test_it_anonymises_only_participants_past_retention(engagements):
    gone, stays = engagements
    # The old visit ended on 2020-01-10: 730 days later it is still kept, the day after not.
    last_kept = datetime.date(2020, 1, 10) + datetime.timedelta(days=730)
    assert engagement_participants_anonymise(on=last_kept) == []
    assert engagement_participants_anonymise(on=last_kept + datetime.timedelta(days=1)) == [gone]
    gone.refresh_from_db()
    assert gone.name == ANONYMISED_PARTICIPANT
    assert gone.anonymised_on == last_kept + datetime.timedelta(days=1)
    assert (gone.organisation, gone.role, gone.partner.code) == (
        "Ministry of Justice",
        "Prosecutor",
        "CL",
    )
    assert EngagementParticipant.objects.get(pk=stays.pk).name == "Demo Participant Two"


def test_it_counts_from_the_start_date_when_there_is_no_end_date(engagements):
    _gone, stays = engagements
    done = engagement_participants_anonymise(on=datetime.date(2023, 6, 2))
    assert stays in done


def test_it_anonymises_each_participant_once(engagements):
    assert len(engagement_participants_anonymise(on=datetime.date(2030, 1, 1))) == 2
    assert engagement_participants_anonymise(on=datetime.date(2031, 1, 1)) == []


def test_it_writes_each_anonymisation_to_the_history(engagements):
    gone, _stays = engagements
    before = LogEntry.objects.get_for_object(gone).count()
    engagement_participants_anonymise(on=datetime.date(2022, 6, 1))
    assert LogEntry.objects.get_for_object(gone).count() == before + 1


def test_it_reads_the_retention_period_from_the_settings(engagements, settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 30
    assert len(engagement_participants_anonymise(on=datetime.date(2020, 3, 1))) == 1


def test_it_keeps_yearly_engagements_by_their_recorded_dates(settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 730
    yearly = Engagement.objects.create(
        key="forum",
        kind="conference",
        title="Yearly forum",
        start_date=datetime.date(2020, 10, 1),
        recurs_yearly=True,
    )
    participant = EngagementParticipant.objects.create(engagement=yearly, name="Demo Yearly")
    assert engagement_participants_anonymise(on=datetime.date(2023, 1, 1)) == [participant]


def test_the_command_dry_runs_then_anonymises(engagements, capsys, settings):
    settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS = 1
    call_command("engagements_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "2 participant(s)" in out and "would be anonymised" in out
    assert not EngagementParticipant.objects.filter(name=ANONYMISED_PARTICIPANT).exists()
    call_command("engagements_retention")
    assert "2 participant(s)" in capsys.readouterr().out
    assert EngagementParticipant.objects.filter(name=ANONYMISED_PARTICIPANT).count() == 2
    call_command("engagements_retention")
    assert "nothing to do" in capsys.readouterr().out
