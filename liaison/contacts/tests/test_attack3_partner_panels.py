"""Attack (a): the partner page's channel and casework panels (htmx fragment or plain page),
for each role: what is shown, what is logged, which addresses answer."""

from __future__ import annotations

import datetime

import pytest

from conftest import make_persona
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]

HTMX = {"HX-Request": "true"}


@pytest.fixture
def twelve(world):
    return [
        appoint(
            world["nigeria"],
            f"Panel Person {index:02d}",
            email=f"panel.{index:02d}@authority.test",
            appointed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
        )
        for index in range(12)
    ]


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_the_viewer_gets_no_contact_in_the_channels_panel_and_nothing_is_logged(
    twelve, django_user_model, headers
):
    bob = make_persona(django_user_model, "bob")
    response = web_client(bob).get("/partners/NG/channels/", headers=headers)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Panel Person" not in text and "@authority.test" not in text
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_every_contact_the_channels_panel_shows_is_logged_once(twelve, django_user_model, headers):
    carol = make_persona(django_user_model, "carol")
    text = web_client(carol).get("/partners/NG/channels/", headers=headers).content.decode()
    shown = {f"Panel Person {i:02d}" for i in range(12) if f"Panel Person {i:02d}" in text}
    assert shown
    logged = AccessLogEntry.objects.filter(user=carol)
    assert logged.count() == len(shown)


@pytest.mark.parametrize("panel", ["channels", "casework"])
def test_a_panel_takes_the_partner_code_in_any_case_as_the_page_does(
    twelve, django_user_model, panel
):
    """/partners/ng/ opens Nigeria's page (a redirect to /partners/NG/); its panels' own
    addresses in lower case must not answer 404 for a partner that exists."""
    carol = make_persona(django_user_model, "carol")
    client = web_client(carol)
    assert client.get("/partners/ng/").status_code == 302
    response = client.get(f"/partners/ng/{panel}/")
    assert response.status_code in (200, 301, 302)
    if response.status_code != 200:
        assert response["Location"].startswith(f"/partners/NG/{panel}/")


@pytest.mark.parametrize("panel", ["channels", "casework"])
def test_an_htmx_panel_after_the_session_ended_sends_the_whole_page_to_log_in(client, panel):
    """htmx follows a 302 itself and swaps the login page it lands on into the panel (the
    partner page then shows two login forms in place of its panels, with repeated field
    ids). To an htmx request the panel must say where to log in as a whole page
    (HX-Redirect), keeping the plain 302 for requests without JavaScript."""
    response = client.get(f"/partners/NG/{panel}/", headers=HTMX)
    assert response.status_code != 302
    assert response["HX-Redirect"].startswith("/login/?next=")
