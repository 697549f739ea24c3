"""With the keyboard only, an officer asks "May we send this?", forgets the kind of data,
lands on the list of errors, follows its link to the question, answers, and reads the
answer. The page keeps its strict Content-Security-Policy (the `page` fixture fails on any
blocked script)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))


def tab_to(page: Any, selector: str, *, most: int = 80) -> None:
    """Press Tab until the focus reaches `selector`, as a keyboard user would."""
    for _ in range(most):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_keyboard_user_asks_corrects_the_error_and_reads_the_answer(
    page, live_server, reference_data_committed, alice
):
    page.goto(f"{live_server.url}/login/?next=/transfer-assessments/new/")
    assert focused(page, "#id_username")
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/transfer-assessments/new/$"))
    page.wait_for_load_state("networkidle")

    # Partner chosen by typing its name on the closed list; the kind of data forgotten.
    # The partner picker: type, the list narrows, Enter chooses.
    tab_to(page, "#id_partner-ts-control")
    page.keyboard.type("Nigeria")
    page.locator(".ts-dropdown .option.active", has_text="Nigeria").wait_for()
    page.keyboard.press("Enter")
    assert page.locator("#id_partner").input_value() == "NG"
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The focus is on the summary, which says what to fix and links to it.
    summary = page.locator(".error-summary")
    assert focused(page, ".error-summary")
    assert "What kind of data?" in summary.inner_text()
    page.keyboard.press("Tab")
    assert focused(page, ".error-summary a")
    page.keyboard.press("Enter")
    assert focused(page, "input[name=data_category]")
    # The group is tied to its error: a screen reader reads it with the question.
    group = page.locator("fieldset.field-data_category")
    described_by = group.get_attribute("aria-describedby").split()
    assert any(
        "This field is required" in page.locator(f"#{id}").inner_text() for id in described_by
    )

    # Arrow keys choose "operational personal data"; its questions appear.
    chosen = page.locator("input[name=data_category]:checked")
    page.keyboard.press("Space")
    for _ in range(page.locator("input[name=data_category]").count()):
        if chosen.get_attribute("value") == "operational_personal_data":
            break
        page.keyboard.press("ArrowDown")
    page.locator("#id_necessity").wait_for()
    tab_to(page, "#id_necessity")
    page.keyboard.type("To identify the accomplices of a suspect in a joint investigation.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/transfer-assessments/\d+/$"))
    assert "No: the transfer is refused." in page.locator(".decision").inner_text()
