"""Every form meets WCAG 2.1 AA as far as a machine can tell, empty, with errors and filled
in, at desktop width and at 320 px: no axe-core violation, field borders that stand out,
ARIA references to ids that exist, and after a failed submit the focus on an error summary
whose links lead to the fields. Live regions announce short news, and survive their
updates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_persona
from liaison.engagements.models import Engagement
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner
from tests.browser.accessibility import (
    DESKTOP,
    PHONE,
    check_page,
    error_summary_problems,
    new_context,
    report,
)
from tests.browser.pickers import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DECISION = "Council Decision (EU) 2024/2704"


@pytest.fixture
def register(django_user_model: Any) -> dict[str, Any]:
    erin = make_persona(django_user_model, "erin")
    Partner.objects.create(code="NG", kind="country", name="Nigeria")
    bosnia = Partner.objects.create(code="BA", kind="country", name="Bosnia and Herzegovina")
    agreement = InstrumentFactory(
        partner=bosnia, type="international_agreement", title="EU agreement with Bosnia"
    )
    cite(agreement)
    event = add_event(agreement, "mandate", date=datetime.date(2021, 3, 1))
    SourceFactory(key="council-decision", title=DECISION)
    engagement = Engagement.objects.create(
        kind="study_visit", title="Study visit", start_date=datetime.date(2025, 3, 2)
    )
    return {"instrument": agreement, "event": event, "engagement": engagement, "erin": erin}


def both_widths(page: Any) -> list[str]:
    """The checks at desktop width, then at 320 px (with reflow), back to desktop."""
    problems = check_page(page)
    page.set_viewport_size(PHONE)
    problems += [f"at 320 px: {problem}" for problem in check_page(page, reflow=True)]
    page.set_viewport_size(DESKTOP)
    return problems


def submit_without_browser_checks(page: Any, button: Any) -> None:
    """Submit as a browser that does not check `required` would: the server's errors show."""
    page.evaluate("document.querySelectorAll('form').forEach((form) => form.noValidate = true)")
    button.click()
    page.wait_for_load_state("load")


def form_states(
    page: Any,
    url: str,
    *,
    submit: Callable[[], Any],
    fill: Callable[[], None] | None = None,
) -> dict[str, list[str]]:
    """Empty, error (after `submit` fails) and filled (after `fill`) states of one form."""
    found: dict[str, list[str]] = {}
    page.goto(url)
    found[f"{url} empty"] = both_widths(page)
    submit_without_browser_checks(page, submit())
    found[f"{url} after a failed submit"] = error_summary_problems(page) + both_widths(page)
    if fill is not None:
        page.goto(url)
        fill()
        found[f"{url} filled in"] = both_widths(page)
    return found


def test_every_form_passes_empty_with_errors_and_filled(browser, live_server, register):
    base = live_server.url
    instrument = register["instrument"]
    context = new_context(browser)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        # Log in: a wrong password first.
        def fill_login() -> None:
            page.get_by_label("User name").fill("erin")
            page.get_by_label("Password").fill("not the password")

        page.goto(f"{base}/login/")
        problems["/login/ empty"] = both_widths(page)
        fill_login()
        problems["/login/ filled in"] = both_widths(page)
        submit_without_browser_checks(page, page.get_by_role("button", name="Log in"))
        problems["/login/ after a failed submit"] = error_summary_problems(page) + both_widths(page)
        page.get_by_label("User name").fill("erin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/$"))

        def fill_assessment() -> None:
            choose(page, "To which partner?", "Nigeria", "Nigeria")
            page.get_by_label(re.compile("operational personal data")).check()
            page.get_by_label("Necessity").fill("To identify the accomplices of a suspect.")

        problems |= form_states(
            page,
            f"{base}/transfer-assessments/new/",
            submit=lambda: page.get_by_role("button", name="Assess and record"),
            fill=fill_assessment,
        )
        problems |= form_states(
            page,
            f"{base}/account/",
            submit=lambda: page.get_by_role("button", name="Create token"),
            fill=lambda: page.get_by_label("What is it for?").fill("A report script"),
        )
        problems |= form_states(
            page,
            f"{base}/account/second-factor/setup/",
            submit=lambda: page.get_by_role("button", name="Confirm and finish"),
            fill=lambda: page.get_by_label("One-time code").fill("123456"),
        )
        page.goto(f"{base}/account/log-out-everywhere/")
        problems["log out everywhere"] = both_widths(page)
        problems |= form_states(
            page,
            f"{base}/contacts/interactions/new/",
            submit=lambda: page.get_by_role("button", name="Record"),
            fill=lambda: page.get_by_label("Summary").fill("[DEMO] A call."),
        )
        problems |= form_states(
            page,
            f"{base}/engagements/new/",
            submit=lambda: page.get_by_role("button", name="Record"),
            fill=lambda: page.get_by_label("Title").fill("A study visit"),
        )
        page.goto(f"{base}/engagements/{register['engagement'].key}/delete/")
        problems["delete an engagement"] = both_widths(page)
        problems |= form_states(
            page,
            f"{base}/instruments/{instrument.pk}/events/new/?kind=signed",
            submit=lambda: page.get_by_role("button", name="Propose"),
            fill=lambda: page.get_by_label("Date", exact=True).fill("2024-10-28"),
        )

        def clear_the_date() -> Any:
            page.get_by_label("Date", exact=True).fill("")
            return page.get_by_role("button", name="Propose")

        problems |= form_states(
            page,
            f"{base}/instruments/{instrument.pk}/events/{register['event'].pk}/change/",
            submit=clear_the_date,
            fill=lambda: page.get_by_label("Note").fill("Corrected from the Council's register."),
        )
        # Errors of forms that answer with a redirect show at the top of the next page.
        problems |= form_states(
            page,
            f"{base}/partners/NG/",
            submit=lambda: page.get_by_role("button", name="Add to the journal"),
            fill=lambda: page.get_by_label("Note", exact=True).fill("[DEMO] A note."),
        )
        problems |= form_states(
            page,
            f"{base}/sources/council-decision/",
            submit=lambda: page.get_by_role("button", name="Attach", exact=True),
        )
        # A proposal: its proposer is offered to withdraw it (with an optional reason), never
        # to approve it, so the page is checked empty and filled in.
        page.goto(f"{base}/instruments/{instrument.pk}/events/new/?kind=signed")
        page.get_by_label("Date", exact=True).fill("2024-10-28")
        choose(page, "Source", "Council Decision", DECISION)
        page.get_by_role("button", name="Propose").click()
        page.wait_for_url(re.compile(r"/instruments/proposals/\d+/$"))
        problems[f"{page.url} empty"] = both_widths(page)
        page.get_by_label("Reason (optional)").fill("Wrong date.")
        problems[f"{page.url} filled in"] = both_widths(page)
    finally:
        context.close()

    # Someone with an authenticator is asked for its code after the password.
    TOTPDevice.objects.create(user=register["erin"], name="phone", confirmed=True)
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(f"{base}/login/")
        page.get_by_label("User name").fill("erin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/account/second-factor/"))
        problems |= form_states(
            page,
            page.url,
            submit=lambda: page.get_by_role("button", name="Confirm"),
            fill=lambda: page.get_by_label("One-time code").fill("123456"),
        )
    finally:
        context.close()
    assert not any(problems.values()), report(problems)


def test_live_regions_announce_short_news_and_stay_in_place(browser, live_server, register):
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/login/?next=/transfer-assessments/new/")
        page.get_by_label("User name").fill("erin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/transfer-assessments/new/$"))
        # The questions' region is kept, and only its contents change.
        page.wait_for_load_state("networkidle")
        page.evaluate("window.questions = document.querySelector('#category-fields')")
        assert page.evaluate("window.questions.getAttribute('aria-live')") == "polite"
        page.get_by_label(re.compile("operational personal data")).check()
        page.get_by_label("Necessity").wait_for()
        assert page.evaluate("window.questions === document.querySelector('#category-fields')")

        # The search results: the count is announced, never the whole table.
        page.goto(f"{live_server.url}/partners/")
        page.get_by_role("searchbox", name="Search").fill("Nigeria")
        page.locator("#results").get_by_role("link", name="Nigeria").wait_for()
        page.wait_for_load_state("networkidle")
        announced = page.evaluate(
            "[...document.querySelectorAll('[aria-live], [role=status], [role=alert]')]"
            ".filter((region) => region.textContent.trim()).map((region) => region.innerText)"
        )
        assert announced == ["1 partner"], announced
        assert page.locator("[aria-live] table, [role=status] table").count() == 0
    finally:
        context.close()


def test_a_text_area_shows_the_same_focus_as_a_text_field(browser, live_server, register):
    context = new_context(browser)
    page = context.new_page()
    ring = (
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]; }"
    )
    try:
        page.goto(f"{live_server.url}/login/?next=/contacts/interactions/new/")
        page.get_by_label("User name").fill("erin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/contacts/interactions/new/$"))
        seen = {}
        for selector in ("#id_partners", "#id_summary"):
            for _ in range(60):
                if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                    break
                page.keyboard.press("Tab")
            seen[selector] = page.evaluate(ring)
        assert seen["#id_summary"] == seen["#id_partners"]
        assert seen["#id_summary"][0] == "solid" and seen["#id_summary"][3] != "none"
    finally:
        context.close()
