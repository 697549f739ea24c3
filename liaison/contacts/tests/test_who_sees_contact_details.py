"""Contact details are personal data: the viewer sees the channels without them, on the
partner page, the channels page, the API and the command line; the other roles see them
and each read is in the access log."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from liaison.contacts.models import ContactPoint
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]

SECRET_EMAIL = "demo.contact.secret@example.invalid"


@pytest.fixture
def contact(world):
    return appoint(world["nigeria"], "Demo Contact Secret", email=SECRET_EMAIL, phone="+000 123")


@pytest.mark.parametrize("url", ["/partners/NG/channels/", "/channels/NG/"])
def test_the_viewer_sees_the_channel_but_no_contact_details(url, contact, bob):
    page = web_client(bob).get(url).content.decode()
    assert "The agency&#x27;s contact point</h" in page
    assert "Ministry of Justice of Nigeria" in page
    assert "Demo Contact Secret" not in page and SECRET_EMAIL not in page and "+000 123" not in page
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("url", ["/partners/NG/channels/", "/channels/NG/"])
def test_a_case_officer_sees_them_and_the_read_is_logged(url, contact, carol):
    response = web_client(carol).get(url)
    page = response.content.decode()
    assert "Demo Contact Secret" in page and SECRET_EMAIL in page
    entry = AccessLogEntry.objects.get()
    assert (entry.username, entry.object_id, entry.path) == ("carol", str(contact.pk), url)
    assert entry.request_id == response["X-Request-ID"]


def test_the_api_hides_contacts_from_the_viewer(contact, bob):
    api = APIClient()
    api.force_authenticate(bob)
    answer = api.get("/api/partners/NG/channels/").json()
    assert answer["contact_details_shown"] is False
    assert all(channel["contacts"] is None for channel in answer["channels"])
    assert SECRET_EMAIL not in json.dumps(answer)
    assert api.get("/api/contact-points/").status_code == 403
    assert api.get(f"/api/contact-points/{contact.pk}/").status_code == 403


def test_the_api_shows_them_to_a_case_officer_and_logs_it(contact, carol):
    api = APIClient()
    api.force_authenticate(carol)
    answer = api.get("/api/partners/ng/channels/").json()
    assert answer["channels"][0]["contacts"][0]["email"] == SECRET_EMAIL
    assert AccessLogEntry.objects.filter(username="carol").count() == 1


def test_the_viewer_is_refused_contact_point_pages(contact, bob):
    client = web_client(bob)
    for url in ("/contacts/", f"/contacts/{contact.pk}/", "/contacts/activity/"):
        assert client.get(url).status_code == 403, url


def test_each_contact_point_page_view_is_logged(contact, dave):
    web_client(dave).get(f"/contacts/{contact.pk}/")
    web_client(dave).get("/contacts/")
    assert AccessLogEntry.objects.filter(username="dave", object_id=str(contact.pk)).count() == 2


def test_the_command_line_shows_details_only_to_a_named_user_who_may_see_them(
    contact, bob, carol, capsys
):
    call_command("channels", "NG")
    assert SECRET_EMAIL not in capsys.readouterr().out
    call_command("channels", "NG", "--user", "bob", "--json")
    assert SECRET_EMAIL not in capsys.readouterr().out
    call_command("channels", "Nigeria", "--user", "carol")
    assert SECRET_EMAIL in capsys.readouterr().out
    assert AccessLogEntry.objects.filter(username="carol").count() == 1


def test_contact_points_are_marked_as_personal_data():
    assert ContactPoint.contains_personal_data is True
