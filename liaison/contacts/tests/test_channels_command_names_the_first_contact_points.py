"""`liaison channels CODE` names, like the web page and the API, the ten longest-appointed
contact points of a channel, says how many more there are and how to see them; `--all`
names every one. Only those named are read, so only they are in the access log."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from liaison.contacts.tests.test_channels_name_the_first_contact_points import appoint_many
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]


def channels(*args: str) -> str:
    out = StringIO()
    call_command("channels", *args, stdout=out)
    return out.getvalue()


def named(text: str) -> list[str]:
    return [line.split(" · ")[0].strip("- ").strip() for line in text.splitlines() if " · " in line]


def logged() -> int:
    rows = AccessLogEntry.objects.filter(content_type__model="contactpoint")
    return rows.values("object_id").distinct().count()


def test_it_names_ten_and_says_how_to_see_the_rest(world, carol):
    appoint_many(world["nigeria"], 13)
    text = channels("NG", "--user", carol.username)
    assert named(text) == [f"Demo Contact {index:02d}" for index in range(10)]
    assert (
        "… and 3 more (13 in all): add --all to name them all, or see "
        "/api/contact-points/?partner=NG&status=active"
    ) in text
    assert logged() == 10


def test_all_names_every_one(world, carol):
    appoint_many(world["nigeria"], 13)
    text = channels("NG", "--user", carol.username, "--all")
    assert named(text) == [f"Demo Contact {index:02d}" for index in range(13)]
    assert "more (" not in text
    assert logged() == 13


def test_a_channel_with_few_contact_points_names_them_all_and_says_nothing_more(world, carol):
    appoint_many(world["nigeria"], 3)
    text = channels("NG", "--user", carol.username)
    assert len(named(text)) == 3
    assert "more (" not in text


def test_without_a_user_it_still_says_how_many(world):
    appoint_many(world["nigeria"], 13)
    text = channels("NG")
    assert named(text) == []
    assert "… and 3 more (13 in all)" in text
    assert logged() == 0


def test_the_json_answer_has_the_counts_and_where_all_are(world, carol):
    appoint_many(world["nigeria"], 13)
    answer = json.loads(channels("NG", "--user", carol.username, "--json"))
    (channel,) = [c for c in answer["channels"] if c["kind"] == "contact_point"]
    assert len(channel["contacts"]) == 10
    assert (channel["contacts_total"], channel["contacts_more"]) == (13, 3)
    assert channel["all_contacts"] == "/api/contact-points/?partner=NG&status=active"
    every = json.loads(channels("NG", "--user", carol.username, "--json", "--all"))
    (channel,) = [c for c in every["channels"] if c["kind"] == "contact_point"]
    assert len(channel["contacts"]) == 13
    assert (channel["contacts_more"], channel["all_contacts"]) == (0, None)
