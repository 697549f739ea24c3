"""An officer logs in, searches "Turkey", opens Türkiye and sees its instruments."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/partners/")
    assert "/login/" in page.url
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/partners/$"))


def test_an_officer_finds_turkiye_by_searching_turkey(
    page, live_server, reference_data_committed, bob
):
    outside_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside_requests.append(request.url)
            if not request.url.startswith(live_server.url)
            else None
        ),
    )

    log_in(page, live_server, "bob")
    page.get_by_role("searchbox", name="Search").fill("Turkey")
    # htmx replaces the results as the officer types, without a page load.
    results = page.locator("#results")
    results.get_by_role("link", name="Türkiye").wait_for()
    assert results.locator("tbody tr").count() == 1
    assert "search=Turkey" in page.url

    results.get_by_role("link", name="Türkiye").click()
    page.wait_for_url(re.compile(r"/partners/TR/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Türkiye")
    instruments = page.locator("article.instrument")
    assert instruments.count() == 2
    agreement = instruments.filter(has_text="international agreement")
    assert "negotiating" in agreement.inner_text()
    assert "2021-03-01" in agreement.inner_text()
    assert outside_requests == []


def test_the_partner_list_works_on_a_phone_screen(
    browser, live_server, reference_data_committed, bob
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        log_in(page, live_server, "bob")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 390 + 1, "the page must not scroll sideways on a phone"
        page.set_default_timeout(15_000)
        page.get_by_role("link", name="Albania").first.wait_for()
    finally:
        context.close()


def test_the_api_docs_render_offline_without_an_online_validator(page, live_server, bob):
    outside: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url)
    )
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_text("/api/partners/", exact=True).first.wait_for()
    assert page.evaluate("ui.getConfigs().validatorUrl") is None
    assert outside == []


def test_back_after_opening_a_partner_shows_the_filtered_list_whole(
    page, live_server, reference_data_committed, bob
):
    log_in(page, live_server, "bob")
    page.get_by_role("searchbox", name="Search").fill("Serbia")
    page.locator("#results").get_by_role("link", name="Serbia").wait_for()
    page.locator("#results").get_by_role("link", name="Serbia").click()
    page.wait_for_url(re.compile(r"/partners/RS/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"search=Serbia"))
    page.get_by_role("heading", name="Partners", level=1).wait_for()
    assert page.get_by_role("searchbox", name="Search").input_value() == "Serbia"
    assert page.locator("#results tbody tr").count() == 1
    assert page.locator("header.site-header").count() == 1


def test_injected_markup_runs_no_script_in_the_browser(page, live_server, bob):
    from liaison.instruments.testing.factories import InstrumentFactory, add_event
    from liaison.partners.models import Partner

    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    partner = Partner.objects.create(
        code="ORGX", kind="international_organisation", name=f"Evil {payload}", description=payload
    )
    add_event(InstrumentFactory(partner=partner, title=payload, notes=payload), note=payload)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server, "bob")
    page.get_by_role("searchbox", name="Search").fill("Evil")
    page.locator("#results").get_by_role("link", name=re.compile("Evil")).wait_for()
    # Let htmx's search requests finish first: the live server's threads share one SQLite
    # connection, and a page load racing them can lose its session (a 400).
    page.wait_for_load_state("networkidle")
    page.locator("#results").get_by_role("link", name=re.compile("Evil")).click()
    page.wait_for_url(re.compile(r"/partners/ORGX/$"))
    assert payload in page.get_by_role("heading", level=1).inner_text()
    page.goto(f"{live_server.url}/instruments/")
    page.wait_for_load_state("load")
    assert dialogs == []
