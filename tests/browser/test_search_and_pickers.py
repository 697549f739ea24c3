"""The search box in the menu finds "Serbai" and "Ivory Coast"; a searchable picker chooses
partners by typing, by keyboard; both on a desktop and on a 320 px phone screen, with no
WCAG 2.1 AA violation axe can find and no sideways scrolling."""

from __future__ import annotations

import re

import pytest

from liaison.engagements.models import Engagement
from tests.browser.accessibility import PHONE, check_page, log_in, new_context, report
from tests.browser.pickers import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_from_the_menu(page, text: str) -> None:
    page.get_by_role("searchbox", name="Find anything").fill(text)
    page.get_by_role("searchbox", name="Find anything").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def first_partner(page):
    return page.locator('section[data-group="partners"] .search-hit').first


def test_serbai_and_ivory_coast_find_their_partners(
    page, live_server, reference_data_committed, alice
):
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    log_in(page, live_server, "alice")
    search_from_the_menu(page, "Serbai")
    hit = first_partner(page)
    assert hit.get_by_role("link", name="Serbia").count() == 1
    assert "similar spelling" in hit.inner_text()
    # Serbia's instruments come with it, each saying why.
    assert "matched by partner" in page.locator('section[data-group="instruments"]').inner_text()

    search_from_the_menu(page, "Ivory Coast")
    hit = first_partner(page)
    assert "common name: “Ivory Coast”" in hit.inner_text()
    hit.get_by_role("link", name="Côte d'Ivoire").click()
    page.wait_for_url(re.compile(r"/partners/CI/$"))
    assert outside == []


def test_the_search_reads_well_on_a_phone(browser, live_server, reference_data_committed, alice):
    context = new_context(browser)
    page = context.new_page()
    try:
        log_in(page, live_server, "alice")
        page.set_viewport_size(PHONE)
        page.goto(f"{live_server.url}/search/?q=Serbai")
        assert first_partner(page).get_by_role("link", name="Serbia").is_visible()
        problems = {"search results at 320 px": check_page(page, reflow=True)}
        page.goto(f"{live_server.url}/search/?q=Qwxzvb")
        problems["no result at 320 px"] = check_page(page, reflow=True)
        assert not any(problems.values()), report(problems)
    finally:
        context.close()


def test_an_engagement_with_nigeria_and_serbia_chosen_by_typing(
    page, live_server, reference_data_committed, alice
):
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/partners/NG/")
    page.get_by_role("link", name="Record an engagement with Nigeria").click()
    page.wait_for_url(re.compile(r"/engagements/new/\?partner=NG$"))
    partners = page.locator(".field-partners .ts-wrapper")
    # The partner the link came from is chosen already.
    assert "Nigeria" in partners.locator(".item").first.inner_text()
    choose(page, "Partners involved", "Serb", "Serbia")
    assert partners.locator(".item").count() == 2
    page.get_by_label("Kind").select_option("technical_meeting")
    page.get_by_label("Title").fill("Technical meeting on extradition")
    page.get_by_role("button", name=re.compile("Record|Save")).click()
    page.wait_for_url(re.compile(r"/engagements/[-a-z0-9]+/$"))
    engagement = Engagement.objects.get(title="Technical meeting on extradition")
    assert sorted(engagement.partners.values_list("code", flat=True)) == ["NG", "RS"]


def test_the_pickers_fit_a_phone_and_pass_the_checks(
    browser, live_server, reference_data_committed, alice
):
    context = new_context(browser)
    page = context.new_page()
    try:
        log_in(page, live_server, "alice")
        page.set_viewport_size(PHONE)
        page.goto(f"{live_server.url}/engagements/new/?partner=NG")
        choose(page, "Partners involved", "Ghan", "Ghana")
        assert page.locator(".field-partners .ts-wrapper .item").count() == 2
        problems = {"engagement form at 320 px": check_page(page, reflow=True)}
        page.goto(f"{live_server.url}/sources/new/")
        problems["source form at 320 px"] = check_page(page, reflow=True)
        assert not any(problems.values()), report(problems)
    finally:
        context.close()
