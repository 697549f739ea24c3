"""Demo records (`liaison demo-data`) never inflate the network's figures: coverage and
contact activity are the same with demo data as without it, the pages say demo records are
present, and `include_demo=1` counts them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liaison.contacts.demo import demo_data_create
from liaison.contacts.selectors import coverage, due_for_contact, partner_activity
from liaison.contacts.tests.conftest import appoint, web_client

pytestmark = [pytest.mark.django_db]


def snapshot() -> tuple[int, list[str], list[str], list[str]]:
    result = coverage()
    on = timezone.localdate()
    return (
        result.countries_covered,
        sorted(p.code for region in result.regions for p in region.uncovered),
        [p.code for p in partner_activity(on=on)],
        [c.name for c in due_for_contact(on=on)],
    )


def test_coverage_and_contact_activity_are_unchanged_by_demo_data(world):
    appoint(world["nigeria"])
    before = snapshot()
    demo_data_create(countries=8, today=timezone.localdate())
    assert snapshot() == before
    assert coverage(include_demo=True).countries_covered > before[0]


def test_the_pages_say_demo_records_are_left_out_and_can_include_them(world, carol):
    appoint(world["nigeria"])
    client = web_client(carol)
    for url in ("/contacts/coverage/", "/contacts/activity/"):
        assert "demo record" not in client.get(url).content.decode()
    demo_data_create(countries=8, today=timezone.localdate())
    for url in ("/contacts/coverage/", "/contacts/activity/"):
        page = client.get(url).content.decode()
        assert "demo records present, left out of these figures" in page, url
        included = client.get(url, {"include_demo": "1"}).content.decode()
        assert "included in these figures" in included, url
    assert (
        "1 countries have an active contact point"
        in client.get("/contacts/coverage/").content.decode()
    )
