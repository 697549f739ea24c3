"""Choosing in a searchable picker (Tom Select) as a keyboard user does: type, wait for the
list to narrow to the wanted option, Enter."""

from __future__ import annotations

from typing import Any


def choose_in(page: Any, box: Any, typed: str, option: str) -> None:
    """Type `typed` into the picker's box and choose `option`, the best match, with Enter."""
    box.click()
    box.press_sequentially(typed)
    # The list narrows as one types; the best match is the one Enter chooses.
    page.locator(".ts-dropdown .option.active", has_text=option).wait_for()
    box.press("Enter")
    box.press("Escape")


def choose(page: Any, label: str, typed: str, option: str) -> None:
    """The same in the picker named by the field's label (the box one types into is a
    combobox that the label names)."""
    choose_in(page, page.get_by_role("combobox", name=label, exact=True), typed, option)
