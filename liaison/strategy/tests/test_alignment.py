"""Regions against the EU policy documents: where outreach lags behind EU priorities."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from liaison.engagements.models import Engagement, Project
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.partners.models import Region
from liaison.strategy.models import PolicyDocument
from liaison.strategy.tests.conftest import partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def sahel(strategy):
    region = Region.objects.create(code="sahel", name="Sahel")
    document = PolicyDocument.objects.create(
        strategy=strategy, key="ct", title="Counter-Terrorism Agenda", reference="COM(2020) 795"
    )
    document.regions.add(region)
    mali = partner("ML")
    mali.regions.add(region)
    return region


def test_a_prioritised_region_without_an_instrument_in_force_is_marked(bob_client, sahel):
    page = bob_client.get(reverse("strategy:region_list")).content.decode()
    assert "COM(2020) 795" in page and "outreach lags" in page
    add_event(
        InstrumentFactory(partner=sahel.partners.get()), "in_force", datetime.date(2024, 1, 1)
    )
    assert "outreach lags" not in bob_client.get(reverse("strategy:region_list")).content.decode()


def test_the_region_page_shows_partners_instruments_projects_and_engagements(bob_client, sahel):
    mali = sahel.partners.get()
    add_event(InstrumentFactory(partner=mali), "signed", datetime.date(2024, 1, 1))
    Project.objects.create(key="p", name="Demo project", funding_instrument="NDICI").regions.add(
        sahel
    )
    Engagement.objects.create(
        key="v", kind="country_visit", title="Visit to Bamako", start_date=datetime.date(2024, 2, 1)
    ).partners.add(mali)
    page = bob_client.get(reverse("strategy:region_detail", kwargs={"code": "sahel"})).content
    text = page.decode()
    for expected in (
        "Counter-Terrorism Agenda",
        "Partner ML",
        "signed",
        "Demo project",
        "Visit to Bamako",
    ):
        assert expected in text


def test_an_unknown_region_is_not_found(bob_client, db):
    assert (
        bob_client.get(reverse("strategy:region_detail", kwargs={"code": "atlantis"})).status_code
        == 404
    )


def test_the_api_says_which_regions_lag(api_bob, sahel, strategy):
    response = api_bob.get(reverse("strategy-regions", kwargs={"key": strategy.key}))
    assert response.status_code == 200
    assert response.json() == [
        {
            "region": "sahel",
            "name": "Sahel",
            "policy_documents": ["COM(2020) 795"],
            "partners": 1,
            "partners_in_force": 0,
            "engagements": 0,
            "lags": True,
        }
    ]


def test_a_region_counts_each_engagement_of_its_partners_once(api_bob, sahel, strategy):
    niger = partner("NE")
    niger.regions.add(sahel)
    elsewhere = partner("CL")
    mali = sahel.partners.get(code="ML")
    for key, involved in (
        ("both", [mali, niger]),
        ("mali", [mali]),
        ("niger", [niger]),
        ("chile", [elsewhere]),
    ):
        engagement = Engagement.objects.create(
            key=key, kind="technical_meeting", title=key, start_date=datetime.date(2025, 5, 1)
        )
        engagement.partners.add(*involved)
    response = api_bob.get(reverse("strategy-regions", kwargs={"key": strategy.key}))
    (sahel_row,) = response.json()
    assert sahel_row["partners"] == 2
    assert sahel_row["engagements"] == 3
