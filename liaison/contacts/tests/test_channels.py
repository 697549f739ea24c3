"""Channels: the ranked ways to reach a partner, why each applies and what it may carry."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.choices import OfficerKind
from liaison.contacts.selectors import channels_for
from liaison.contacts.services import liaison_officer_create
from liaison.contacts.tests.conftest import TODAY, appoint
from liaison.transfers.models import TransferAssessment

pytestmark = [pytest.mark.django_db]


def kinds(channels):
    return [channel.kind for channel in channels]


def test_it_ranks_prosecutor_then_contact_point_then_network_then_magistrate(world):
    nigeria = world["nigeria"]
    appoint(nigeria, "Demo Contact NG")
    appoint(world["wacap"], "Demo Contact WACAP", organisation="WACAP secretariat")
    liaison_officer_create(
        kind=OfficerKind.LIAISON_MAGISTRATE,
        partner=nigeria,
        name="Demo Magistrate",
        started_on=datetime.date(2024, 1, 1),
    )
    channels = channels_for(partner=nigeria, on=TODAY)
    assert kinds(channels) == ["contact_point", "network_contact_point", "liaison_magistrate"]
    assert [channel.rank for channel in channels] == [1, 2, 3]
    assert channels[1].via == world["wacap"]
    assert "member of WACAP" in channels[1].why


def test_a_liaison_prosecutor_comes_first_and_carries_what_the_agreement_allows(world):
    norway = world["norway"]
    appoint(norway)
    liaison_officer_create(
        kind=OfficerKind.LIAISON_PROSECUTOR,
        partner=norway,
        name="Demo Prosecutor",
        started_on=datetime.date(2005, 6, 1),
    )
    channels = channels_for(partner=norway, on=TODAY)
    assert kinds(channels) == ["liaison_prosecutor", "contact_point"]
    outlook = channels[0].outlook
    assert outlook.decision == "allowed"
    assert outlook.route == "cooperation_agreement"
    assert "cooperation agreement" in channels[0].carries


def test_a_country_reachable_only_through_a_network(world):
    appoint(world["wacap"], "Demo Contact WACAP", organisation="WACAP secretariat")
    channels = channels_for(partner=world["ghana"], on=TODAY)
    assert kinds(channels) == ["network_contact_point"]
    assert channels[0].organisation == "WACAP secretariat"
    assert not channels[0].fallback


def test_without_any_channel_the_eu_delegation_and_interpol_are_fallbacks(world):
    channels = channels_for(partner=world["kenya"], on=TODAY)
    assert kinds(channels) == ["eu_delegation", "interpol"]
    assert all(channel.fallback for channel in channels)
    assert channels[1].via == world["interpol"]


def test_without_a_legal_basis_it_says_only_58_1_b_or_59_could_allow_it(world):
    appoint(world["nigeria"])
    outlook = channels_for(partner=world["nigeria"], on=TODAY)[0].outlook
    assert outlook.decision == "refused"
    assert "58(1)(b)" in outlook.summary and "59" in outlook.summary


def test_lapsed_contact_points_and_past_officers_are_not_channels(world):
    from liaison.contacts.services import contact_point_end

    contact = appoint(world["norway"])
    contact_point_end(contact_point=contact, status="withdrawn", on=datetime.date(2025, 1, 1))
    liaison_officer_create(
        kind=OfficerKind.LIAISON_PROSECUTOR,
        partner=world["norway"],
        name="Demo Prosecutor",
        started_on=datetime.date(2006, 1, 1),
        ended_on=datetime.date(2010, 1, 1),
    )
    assert kinds(channels_for(partner=world["norway"], on=TODAY)) == ["eu_delegation", "interpol"]


def test_asking_for_channels_records_no_assessment(world):
    appoint(world["norway"])
    channels_for(partner=world["norway"], on=TODAY)
    assert TransferAssessment.objects.count() == 0
