"""Four eyes in the browser: an officer records that the Bosnia and Herzegovina
agreement was signed on 2024-10-28 (Council Decision (EU) 2024/2704); she cannot approve
it herself; a colleague approves it; timeline, history and status on that date show it."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import PASSWORD, make_persona
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner
from tests.browser.pickers import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def test_an_officer_proposes_a_signature_and_a_colleague_approves_it(
    browser, page, live_server, django_user_model
):
    make_persona(django_user_model, "alice")
    make_persona(django_user_model, "erin")
    partner = Partner.objects.create(code="BA", kind="country", name="Bosnia and Herzegovina")
    agreement = InstrumentFactory(
        partner=partner,
        type="international_agreement",
        title="EU agreement with Bosnia and Herzegovina on cooperation with Eurojust",
    )
    cite(agreement)
    add_event(agreement, "mandate", date=datetime.date(2021, 3, 1))
    SourceFactory(key="council-decision-2024-2704", title="Council Decision (EU) 2024/2704")

    # Alice records the signature: it becomes a proposal.
    log_in(page, live_server, "alice", f"/instruments/{agreement.pk}/")
    page.get_by_role("link", name="Signed", exact=True).click()
    page.get_by_label("Date", exact=True).fill("2024-10-28")
    choose(page, "Source", "Council Decision", "Council Decision (EU) 2024/2704")
    page.get_by_label("Place in the source").fill("Art. 1")
    page.get_by_role("button", name="Propose").click()
    page.wait_for_url(re.compile(r"/instruments/proposals/\d+/$"))
    assert "waits for a second person" in page.content()
    assert "would go from “negotiating” to “signed”" in page.content()
    proposal_url = page.url

    # She is not offered to approve her own proposal, only to withdraw it.
    page.get_by_text("a colleague must approve it").wait_for()
    assert page.get_by_role("button", name="Approve").count() == 0
    assert page.get_by_role("button", name="Withdraw").count() == 1

    # Erin, in another browser session, approves it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    colleague = context.new_page()
    colleague.set_default_timeout(15_000)
    try:
        log_in(colleague, live_server, "erin", "/instruments/proposals/")
        colleague.goto(proposal_url)
        colleague.get_by_role("button", name="Approve").click()
        colleague.get_by_text("Approved: the change is now in the register.").wait_for()
        assert "approved by erin" in colleague.content().lower()
    finally:
        context.close()

    # The partner's timeline, the history and the status on that date show it.
    page.goto(f"{live_server.url}/partners/BA/")
    timeline = page.locator("#timeline")
    first = timeline.locator("li").first
    assert "2024-10-28" in first.inner_text() and "Signed" in first.inner_text()
    assert "Council Decision (EU) 2024/2704" in first.inner_text()
    page.goto(f"{live_server.url}/instruments/{agreement.pk}/?as_of=2024-10-28")
    facts = page.locator("dl.facts").inner_text()
    assert "signed" in facts
    history = page.locator("#history").inner_text()
    assert "erin" in history and "alice" in history
