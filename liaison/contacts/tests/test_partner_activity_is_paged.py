"""The contact activity page names the partners most in need of contact and says how many
there are; all of them are on their own page, sortable, a page at a time."""

from __future__ import annotations

import datetime
import re

import pytest

from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint, web_client

pytestmark = [pytest.mark.django_db]


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def record(contact, on, count=1):
    for _ in range(count):
        interaction_create(kind="call", date=on, summary="Call", contact_points=[contact])


@pytest.fixture
def five(world, monkeypatch):
    """Ghana: never; Kenya: only before the window; Norway: once, 200 days ago; Nigeria:
    once, 10 days ago; Interpol: five times, 30 days ago."""
    monkeypatch.setattr("liaison.contacts.views.today", lambda: TODAY)
    appoint(world["ghana"], "Demo Ghana")
    record(appoint(world["kenya"], "Demo Kenya"), days_ago(400))
    record(appoint(world["norway"], "Demo Norway"), days_ago(200))
    record(appoint(world["nigeria"], "Demo Nigeria"), days_ago(10))
    record(appoint(world["interpol"], "Demo Interpol"), days_ago(30), count=5)
    return world


def partner_names(response) -> list[str]:
    table = re.search(r'<table class="results partner-activity">.*?</table>', response.text, re.S)
    assert table, "no per-partner table"
    return re.findall(r'<td><a href="/partners/[^"]+/">([^<]+)</a></td>', table.group(0))


def test_the_activity_page_names_those_most_in_need_and_links_to_all(five, carol, monkeypatch):
    monkeypatch.setattr("liaison.contacts.views.PARTNERS_IN_NEED_SHOWN", 3)
    response = web_client(carol).get("/contacts/activity/")
    assert response.status_code == 200
    assert partner_names(response) == ["Ghana", "Kenya", "Norway"]
    assert "5 partners have an active contact point" in response.text
    assert 'href="/contacts/activity/partners/"' in response.text
    assert "All 5 partners' contact activity, sortable" in response.text


def test_the_link_keeps_the_demo_records_choice(five, carol):
    response = web_client(carol).get("/contacts/activity/?include_demo=1")
    assert 'href="/contacts/activity/partners/?include_demo=1"' in response.text


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Ghana", "Kenya", "Norway", "Nigeria", "Interpol"]),
        ("need", ["Ghana", "Kenya", "Norway", "Nigeria", "Interpol"]),
        ("name", ["Ghana", "Interpol", "Kenya", "Nigeria", "Norway"]),
        ("recent", ["Interpol", "Nigeria", "Norway", "Ghana", "Kenya"]),
        ("last", ["Nigeria", "Interpol", "Norway", "Ghana", "Kenya"]),
        ("nonsense", ["Ghana", "Kenya", "Norway", "Nigeria", "Interpol"]),
    ],
)
def test_the_list_of_all_partners_sorts_as_asked(five, carol, sort, expected):
    response = web_client(carol).get(f"/contacts/activity/partners/?sort={sort}")
    assert response.status_code == 200
    assert partner_names(response) == expected
    assert "5 partners have an active contact point; 1 to 5 shown." in response.text
    assert '<label for="partner-activity-sort">' in response.text


def test_the_list_of_all_partners_is_paged_and_keeps_the_sort(five, carol, monkeypatch):
    monkeypatch.setattr("liaison.contacts.views.PARTNER_ACTIVITY_PAGE_SIZE", 2)
    client = web_client(carol)
    first = client.get("/contacts/activity/partners/?sort=name")
    assert partner_names(first) == ["Ghana", "Interpol"]
    assert "Page 1 of 3" in first.text
    assert 'href="?sort=name&amp;page=2"' in first.text
    assert partner_names(client.get("/contacts/activity/partners/?sort=name&page=2")) == [
        "Kenya",
        "Nigeria",
    ]
    last = client.get("/contacts/activity/partners/?page=3")
    assert partner_names(last) == ["Interpol"]
    assert "5 partners have an active contact point; 5 to 5 shown." in last.text


def test_both_pages_say_when_no_partner_has_an_active_contact_point(world, carol):
    client = web_client(carol)
    activity = client.get("/contacts/activity/")
    assert "No partner has an active contact point." in activity.text
    assert "/contacts/activity/partners/" not in activity.text
    partners = client.get("/contacts/activity/partners/")
    assert partners.status_code == 200
    assert "No partner has an active contact point, so there is" in partners.text
    assert "partner-activity" not in partners.text
