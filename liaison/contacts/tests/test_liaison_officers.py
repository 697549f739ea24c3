"""Liaison prosecutors need an agreement (Art. 54a); liaison magistrates a working
arrangement (Art. 53). Otherwise they are refused, with the article and what is missing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from liaison.contacts.models import LiaisonOfficer
from liaison.contacts.services import liaison_officer_create
from liaison.contacts.tests.conftest import instrument

pytestmark = [pytest.mark.django_db]


def create(kind, partner, started_on=datetime.date(2024, 1, 1)):
    return liaison_officer_create(
        kind=kind, partner=partner, name="Demo Officer", started_on=started_on
    )


def test_a_liaison_prosecutor_is_allowed_under_a_cooperation_agreement(world):
    officer = create("liaison_prosecutor", world["norway"])
    assert officer.is_serving(datetime.date(2024, 6, 1))


def test_a_liaison_prosecutor_is_allowed_under_an_international_agreement(world):
    instrument(world["ghana"], "international_agreement", datetime.date(2021, 5, 1))
    assert create("liaison_prosecutor", world["ghana"]).pk


def test_it_refuses_a_liaison_prosecutor_without_an_agreement_naming_art_54a(world):
    with pytest.raises(ValidationError) as refusal:
        create("liaison_prosecutor", world["nigeria"])
    message = " ".join(refusal.value.message_dict["partner"])
    assert "Art. 54a" in message
    assert "no cooperation agreement or international agreement" in message
    assert LiaisonOfficer.objects.count() == 0


def test_it_refuses_a_liaison_prosecutor_before_the_agreement_is_in_force(world):
    with pytest.raises(ValidationError, match="54a"):
        create("liaison_prosecutor", world["norway"], started_on=datetime.date(2004, 1, 1))


def test_a_liaison_magistrate_needs_a_working_arrangement_art_53(world):
    assert create("liaison_magistrate", world["nigeria"]).pk
    with pytest.raises(ValidationError) as refusal:
        create("liaison_magistrate", world["ghana"])
    message = " ".join(refusal.value.message_dict["partner"])
    assert "Art. 53" in message and "no working arrangement in force" in message


def test_a_liaison_magistrate_is_posted_to_a_country_only(world):
    with pytest.raises(ValidationError, match="not one"):
        create("liaison_magistrate", world["wacap"])


def test_the_api_answers_a_refusal_with_400_and_the_reason(world, alice):
    api = APIClient()
    api.force_authenticate(alice)
    response = api.post(
        "/api/liaison-officers/",
        {"kind": "liaison_prosecutor", "partner": "NG", "name": "X", "started_on": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "Art. 54a" in str(response.json()["partner"])
    assert LiaisonOfficer.objects.count() == 0
