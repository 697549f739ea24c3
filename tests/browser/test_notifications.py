"""Told, not searched for: a cooperation officer sees the unread count in the menu, opens her
notifications and finds the proposal that waits for her approval; on a desktop and on a
phone's width (no sideways scrolling; the accessibility checks of tests/browser pass)."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import PASSWORD, make_persona
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner
from tests.browser.accessibility import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_badge_counts_and_the_page_lists_the_proposal(
    browser, live_server, django_user_model, width
):
    make_persona(django_user_model, "alice")
    erin = make_persona(django_user_model, "erin")
    partner = Partner.objects.create(code="BA", kind="country", name="Bosnia and Herzegovina")
    agreement = InstrumentFactory(
        partner=partner, type="international_agreement", title="EU agreement with BA"
    )
    cite(agreement)
    add_event(agreement, "mandate", date=datetime.date(2021, 3, 1))
    source = SourceFactory(key="council-decision", title="Council Decision (EU) 2024/2704")
    proposal = instrument_transition(
        instrument=agreement,
        event_kind="signed",
        date=datetime.date(2024, 10, 28),
        source=source,
        user=erin,
    )

    # bypass_csp: the accessibility checks inject axe-core; users keep the strict policy.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/")
        page.get_by_label("User name").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        badge = page.get_by_role("link", name=re.compile(r"^Notifications 1 unread$"))
        badge.wait_for()
        badge.click()
        page.wait_for_url(re.compile(r"/notifications/$"))
        item = page.get_by_role("link", name=re.compile("erin proposed a change to EU agreement"))
        item.wait_for()
        assert check_page(page, reflow=width == 320) == []
        page.goto(f"{live_server.url}/notifications/preferences/")
        assert check_page(page, reflow=width == 320) == []
        page.goto(f"{live_server.url}/notifications/")
        item.click()
        page.wait_for_url(re.compile(rf"/instruments/proposals/{proposal.pk}/$"))
        # Read now: the badge is gone.
        assert page.locator(".count-badge").count() == 0
    finally:
        context.close()
