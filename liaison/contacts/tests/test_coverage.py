"""Coverage: countries with an active contact point by region against the strategy's 70+,
priority countries without one, networks that have appointed none."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.selectors import STRATEGY_CONTACT_POINT_BASELINE, coverage
from liaison.contacts.services import contact_point_end
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.instruments.testing.factories import RegionFactory

pytestmark = [pytest.mark.django_db]


def test_it_counts_countries_with_an_active_contact_point_by_region(world):
    west_africa = RegionFactory(name="West Africa")
    world["nigeria"].regions.add(west_africa)
    world["ghana"].regions.add(west_africa)
    appoint(world["nigeria"])
    ended = appoint(world["norway"])
    contact_point_end(contact_point=ended, status="lapsed", on=datetime.date(2025, 1, 1))
    result = coverage()
    assert result.countries_covered == 1
    assert result.baseline == STRATEGY_CONTACT_POINT_BASELINE == 70
    region = next(r for r in result.regions if r.name == "West Africa")
    assert [p.code for p in region.covered] == ["NG"] and [p.code for p in region.uncovered] == [
        "GH"
    ]


def test_priority_countries_and_networks_without_a_contact_point(world):
    appoint(world["nigeria"])
    result = coverage()
    # Norway and Nigeria have instruments (the strategy's priorities); Nigeria is covered.
    assert [p.code for p in result.priority_without] == ["NO"]
    assert [p.code for p in result.networks_without] == ["WACAP"]
    appoint(world["wacap"], organisation="WACAP")
    assert coverage().networks_without == []


def test_the_viewer_sees_the_coverage_page_without_names(world, bob):
    appoint(world["nigeria"], "Demo Hidden Name")
    page = web_client(bob).get("/contacts/coverage/").content.decode()
    assert "1 countries have an active contact point" in page
    assert "Demo Hidden Name" not in page
