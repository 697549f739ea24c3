"""An officer opens Nigeria, asks "May we send this?", sees only the questions that matter
for the kind of data as they choose it, and reads the refusal."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str, target: str) -> None:
    page.goto(f"{live_server.url}{target}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_an_officer_asks_about_nigeria_and_reads_the_refusal(
    page, live_server, reference_data_committed, alice
):
    log_in(page, live_server, "alice", "/partners/NG/")
    page.get_by_role("link", name="May we send data to Nigeria?").click()
    page.wait_for_url(re.compile(r"/transfer-assessments/new/\?partner=NG$"))
    # Nigeria is chosen in the picker and in the select the form sends.
    assert "Nigeria" in page.locator(".field-partner .ts-wrapper .item").inner_text()
    assert page.locator("#id_partner").input_value() == "NG"
    necessity = page.get_by_label("Necessity")
    # Before a kind of data is chosen, htmx asks nothing else.
    necessity.wait_for(state="detached")

    page.get_by_label(re.compile("operational personal data")).check()
    necessity.wait_for()
    core_crimes = page.get_by_label(re.compile("evidence of genocide"))
    core_crimes.check()

    page.get_by_label(re.compile("non-personal information")).check()
    necessity.wait_for(state="detached")
    assert core_crimes.is_checked(), "a question still asked keeps its answer"
    core_crimes.uncheck()

    page.get_by_label(re.compile("operational personal data")).check()
    necessity.fill("To identify the accomplices of a suspect in a joint investigation.")
    page.get_by_role("button", name="Assess and record").click()
    page.wait_for_url(re.compile(r"/transfer-assessments/\d+/$"))
    assert "No: the transfer is refused." in page.locator(".decision").inner_text()
    assert "not a legal basis for personal data" in page.locator(".reasons").inner_text()


def test_without_javascript_the_form_asks_everything_and_still_works(
    browser, live_server, reference_data_committed, alice
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server, "alice", "/transfer-assessments/new/")
        page.get_by_label("To which partner?").select_option("RS")
        page.get_by_label(re.compile("operational personal data")).check()
        assert page.get_by_label("Necessity").is_visible()
        assert page.get_by_label(re.compile("evidence of genocide")).is_visible()
        page.get_by_label("Necessity").fill("A joint investigation needs it.")
        # Competence is answered for the authority that receives the data (Art. 56(1)(b)).
        page.get_by_label("Receiving authority").fill("Public Prosecutor's Office of Serbia")
        page.get_by_label(re.compile("competent for law enforcement")).check()
        page.get_by_role("button", name="Assess and record").click()
        page.wait_for_url(re.compile(r"/transfer-assessments/\d+/$"))
        assert "Yes: the transfer is allowed." in page.locator(".decision").inner_text()
    finally:
        context.close()
