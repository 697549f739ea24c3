"""A prosecutor types a country in “Reach a country” and gets, in one step, the ranked
channels and what operational personal data may go through them; a viewer sees the same
channels without anyone's contact details."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD
from liaison.contacts.tests.conftest import appoint
from liaison.partners.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


@pytest.fixture
def wacap_contact(reference_data_committed):
    return appoint(
        Partner.objects.get(code="WACAP"),
        "Demo Contact WACAP",
        organisation="Demo WACAP secretariat (fictitious)",
        email="demo.wacap@example.invalid",
    )


def test_a_case_officer_reaches_ghana_through_wacap(
    page, live_server, wacap_contact, django_user_model
):
    from conftest import make_persona

    make_persona(django_user_model, "carol")
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    log_in(page, live_server, "carol")
    page.locator("#reach-home").fill("Ghana")
    page.locator("#reach-home").press("Enter")
    page.wait_for_url(re.compile(r"/channels/GH/$"))
    channels = page.locator("li.channel")
    assert channels.count() == 1
    channel = channels.first
    assert "West African Network" in channel.inner_text()
    assert "demo.wacap@example.invalid" in channel.inner_text()
    assert "What it may carry" in channel.inner_text()
    assert channel.locator(".decision").get_attribute("data-decision") == "refused"
    assert outside == []


def test_a_viewer_sees_the_channel_but_no_contact_details(page, live_server, wacap_contact, bob):
    log_in(page, live_server, "bob")
    # The search box in the menu, on any page, then the partner's "How to reach".
    page.goto(f"{live_server.url}/partners/")
    page.locator("#nav-search").fill("Ghana")
    page.locator("#nav-search").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Ghana$"))
    page.locator('section[data-group="partners"] .search-hit').first.get_by_role(
        "link", name="How to reach"
    ).click()
    page.wait_for_url(re.compile(r"/channels/GH/$"))
    text = page.locator("li.channel").first.inner_text()
    assert "Demo WACAP secretariat" in text
    assert "Demo Contact WACAP" not in text and "example.invalid" not in text
    assert "your role does not show them" in text
