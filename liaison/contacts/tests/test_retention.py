"""Lapsed and withdrawn contact points are anonymised after the retention period; their
appointment history and interactions stay."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from liaison.contacts.models import ANONYMISED_NAME, ContactPoint
from liaison.contacts.services import (
    appointment_history,
    contact_point_end,
    contact_point_replace,
    contact_points_anonymise,
    interaction_create,
)
from liaison.contacts.tests.conftest import appoint

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def succession(world, settings):
    settings.CONTACT_RETENTION_DAYS = 730
    first = appoint(world["norway"], "Demo Contact One", appointed_on=datetime.date(2015, 1, 1))
    interaction_create(
        kind="call", date=datetime.date(2019, 5, 1), summary="Demo call", contact_points=[first]
    )
    second = contact_point_replace(
        predecessor=first,
        appointed_on=datetime.date(2020, 1, 1),
        name="Demo Contact Two",
        email="two@example.invalid",
    )
    return first, second


def test_a_successor_replaces_a_predecessor_without_losing_the_past(succession):
    first, second = succession
    first.refresh_from_db()
    assert (first.status, first.ended_on) == ("lapsed", datetime.date(2020, 1, 1))
    assert second.predecessor == first and second.status == "active"
    assert appointment_history(contact_point=first) == [first, second]


def test_it_anonymises_only_those_past_retention(succession):
    first, second = succession
    assert contact_points_anonymise(on=datetime.date(2021, 12, 31)) == []
    done = contact_points_anonymise(on=datetime.date(2022, 1, 2))
    assert done == [first]
    first.refresh_from_db()
    assert (first.name, first.email, first.phone) == (ANONYMISED_NAME, "", "")
    assert first.anonymised_on == datetime.date(2022, 1, 2)
    # The history of the appointment stays.
    assert first.organisation and first.appointed_on == datetime.date(2015, 1, 1)
    assert first.interactions.count() == 1
    assert ContactPoint.objects.get(pk=second.pk).name == "Demo Contact Two"
    assert contact_points_anonymise(on=datetime.date(2030, 1, 1)) == []  # once only


def test_the_retention_period_comes_from_the_settings(succession, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    assert len(contact_points_anonymise(on=datetime.date(2020, 3, 1))) == 1


def test_withdrawn_ones_are_anonymised_too(world):
    contact = appoint(world["nigeria"])
    contact_point_end(contact_point=contact, status="withdrawn", on=datetime.date(2020, 1, 1))
    assert contact_points_anonymise(on=datetime.date(2026, 1, 1)) == [contact]


def test_the_command_says_what_it_did_and_can_dry_run(succession, capsys):
    call_command("contacts_retention", "--dry-run")
    assert "would be anonymised" in capsys.readouterr().out
    assert ContactPoint.objects.filter(name=ANONYMISED_NAME).count() == 0
    call_command("contacts_retention")
    assert "1 contact point(s)" in capsys.readouterr().out
    assert ContactPoint.objects.filter(name=ANONYMISED_NAME).count() == 1
    call_command("contacts_retention")
    assert "nothing to do" in capsys.readouterr().out
