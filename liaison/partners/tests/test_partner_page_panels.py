"""A partner's page loads its channel and casework panels after the page itself (htmx), each
also reachable as a page of its own without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db]

PAGE = reverse("partners:partner_detail", kwargs={"code": "RS"})
CHANNELS = reverse("partners:partner_channels", kwargs={"code": "RS"})
CASEWORK = reverse("partners:partner_casework", kwargs={"code": "RS"})


def test_the_page_keeps_the_question_inline_and_links_to_both_panels(reference_data, alice_client):
    page = alice_client.get(PAGE).content.decode()
    assert "May we send data to" in page
    assert f'hx-get="{CHANNELS}" hx-trigger="load"' in page
    assert f'<a href="{CHANNELS}">' in page
    assert f'hx-get="{CASEWORK}" hx-trigger="load"' in page
    assert f'<a href="{CASEWORK}">' in page
    assert page.count('aria-busy="true"') == 2
    assert 'class="channel-list"' not in page and "figures-per-year" not in page


def test_the_casework_window_asked_on_the_page_goes_to_its_panel(reference_data, alice_client):
    page = alice_client.get(PAGE, {"casework_from": "2023-01-01"}).content.decode()
    assert f'hx-get="{CASEWORK}?casework_from=2023-01-01"' in page


def test_htmx_gets_the_panel_alone_and_a_plain_request_a_whole_page(reference_data, alice_client):
    fragment = alice_client.get(CHANNELS, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<section class="channels" id="channels"')
    assert "HX-Request" in fragment["Vary"]
    whole = alice_client.get(CHANNELS).content.decode()
    assert "<html" in whole and "<h1>" in whole and 'class="channel-list"' in whole
    casework = alice_client.get(CASEWORK, headers={"HX-Request": "true"}).content.decode()
    assert casework.startswith('<section class="casework" id="casework"')


@pytest.mark.parametrize("url", [CHANNELS, CASEWORK])
def test_a_panel_asks_an_anonymous_visitor_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("panel", ["partner_channels", "partner_casework"])
def test_a_panel_of_an_unknown_partner_is_not_found(reference_data, bob_client, panel):
    assert bob_client.get(reverse(f"partners:{panel}", kwargs={"code": "ZZ"})).status_code == 404
