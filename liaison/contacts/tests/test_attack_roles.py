"""Attack: what each role is given by the channels API and the CLI for a partner with more
contact points than a channel names."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import management
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def thirteen(world):
    return [
        appoint(
            world["nigeria"],
            f"Demo Person {index:02d}",
            email=f"person.{index:02d}@authority.test",
            appointed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
        )
        for index in range(13)
    ]


def channels(user) -> list[dict]:
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/partners/NG/channels/")
    assert response.status_code == 200
    return [c for c in response.json()["channels"] if c["kind"] == "contact_point"]


def test_the_viewer_is_given_no_contact_and_no_link_it_may_not_follow(thirteen, django_user_model):
    """The viewer gets the counts (not personal data) but no contact point. The partner page
    gives the viewer no link to the list of all of them (it may not open it); the API still
    gives `all_contacts`, an address that answers 403 to that viewer."""
    bob = make_persona(django_user_model, "bob")
    (channel,) = channels(bob)
    assert channel["contacts"] is None
    assert (channel["contacts_total"], channel["contacts_more"]) == (13, 3)
    assert not AccessLogEntry.objects.exists()
    page = web_client(bob).get("/partners/NG/").content.decode()
    assert "/contacts/?partner=NG" not in page
    api = APIClient()
    api.force_authenticate(bob)
    assert api.get("/api/contact-points/?partner=NG&status=active").status_code == 403
    assert channel["all_contacts"] is None


def test_a_case_officer_gets_ten_each_logged_and_the_cli_logs_as_many(thirteen, django_user_model):
    carol = make_persona(django_user_model, "carol")
    (channel,) = channels(carol)
    assert [c["name"] for c in channel["contacts"]] == [f"Demo Person {i:02d}" for i in range(10)]
    assert AccessLogEntry.objects.filter(user=carol).count() == 10
    out = io.StringIO()
    management.call_command("channels", "NG", "--all", "--user", "carol", stdout=out)
    assert "person.12@authority.test" in out.getvalue()
    assert AccessLogEntry.objects.filter(user=carol).count() == 23
    out = io.StringIO()
    management.call_command("channels", "NG", "--all", stdout=out)
    assert "person.12@authority.test" not in out.getvalue()
    assert "Demo Person" not in out.getvalue()
    assert AccessLogEntry.objects.count() == 23
