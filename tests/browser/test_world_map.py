"""A manager opens the home page: the map coloured by "may operational personal data go
there today"; switching the colouring and taking the date back to 2019 recolours Serbia and
Georgia in place; the table says the same; a country is a link. On desktop and phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_map_replays_serbia_and_georgia_and_links_to_partners(
    page, live_server, reference_data_committed, django_user_model, width
):
    page.set_viewport_size({"width": width, "height": 900})
    make_persona(django_user_model, "bob")
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    serbia, georgia = page.locator('path[data-code="RS"]'), page.locator('path[data-code="GE"]')
    expect(serbia).to_have_class("map-k-allowed")
    expect(georgia).to_have_class("map-k-allowed")
    # Nothing wider than the screen, the map included.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_label("Colour by").select_option("instrument")
    expect(serbia).to_have_class("map-k-cooperation")
    assert "/partners/world-map/" not in page.url  # swapped in place

    page.get_by_role("textbox", name="As of").fill("2019-01-01")
    expect(serbia).to_have_class("map-k-none")
    expect(georgia).to_have_class("map-k-none")
    expect(page.locator("#world-map figcaption")).to_contain_text("2019-01-01")
    assert re.search(r"/\?colour=instrument&on=2019-01-01$", page.url)  # can be sent on

    page.get_by_text("The map as a table").click()
    row = page.locator("#world-map table tr", has_text="Serbia")
    expect(row).to_contain_text("none in force")

    link = page.locator('#world-map svg a[aria-label^="Serbia"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/partners/RS/$"))
    # The partner page loads its panels with htmx (and logs their reads): let them finish
    # before the test's database is emptied.
    page.wait_for_load_state("networkidle")
