"""In a browser, a partner's page fills its channel and casework panels after it loads."""

from __future__ import annotations

from tests.browser.accessibility import log_in, new_context
from tests.browser.test_accessibility_pages import register  # noqa: F401 (the fixture)


def test_the_partner_page_loads_its_two_panels(browser, live_server, register):  # noqa: F811
    context = new_context(browser)
    page = context.new_page()
    try:
        log_in(page, live_server, "erin")
        page.goto(f"{live_server.url}/partners/NG/")
        page.wait_for_selector("#channels:not([aria-busy]) .channel-list, #channels .empty-state")
        page.wait_for_selector("#casework:not([aria-busy])")
        assert "How to reach" in page.locator("#channels h2").first.inner_text()
        assert page.locator("#casework h2").inner_text() == "Casework"
        assert page.locator("[aria-busy='true']").count() == 0
    finally:
        context.close()
