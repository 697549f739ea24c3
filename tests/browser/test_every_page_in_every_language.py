"""One walk through the main pages in each language: the switcher changes the language,
the page says which (<html lang>) and shows its heading in that language.

A language is walked once its catalogue is committed (liaison/locale/LANG/LC_MESSAGES/
django.po); its expected words are read from that catalogue, so the walk checks that the
compiled catalogue is the one the pages use."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from conftest import PASSWORD, make_persona
from liaison.partners.countries import translated_country_name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALE = Path(__file__).resolve().parents[2] / "liaison" / "locale"
# Each page and a text it shows in its main heading (a msgid of the catalogues).
PAGES = [
    ("/", "Partner register"),
    ("/partners/", "Partners"),
    ("/partners/NG/", "Casework"),
    ("/instruments/", "Instruments"),
    ("/sources/", "Sources"),
    ("/transfer-assessments/new/", "May we send this?"),
    ("/engagements/", "Engagements"),
    ("/account/", "Your account"),
]
LANGUAGES = ["en", "fr", "pt", "es"]


def catalogue(language: str) -> dict[str, str] | None:
    """The headings' texts in `language`, or None while it has no catalogue committed."""
    if language == "en":
        return {text: text for _page, text in PAGES}
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    if not po.exists():
        return None
    entries = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po)) if entry.translated()}
    return {text: entries[text] for _page, text in PAGES}


def test_the_main_pages_in_each_language(
    page, live_server, reference_data_committed, django_user_model
):
    make_persona(django_user_model, "carol")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("carol")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    walked = []
    for language in LANGUAGES:
        words = catalogue(language)
        if words is None:
            continue
        # The switcher: a labelled select and its button, no JavaScript needed.
        page.locator("#language-switcher-select").select_option(language)
        page.locator("form.language-switcher button").click()
        page.wait_for_load_state()
        for address, text in PAGES:
            page.goto(f"{live_server.url}{address}")
            # Pages that load panels with htmx (the partner page) finish before the next.
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == language, address
            assert words[text] in page.locator("main").inner_text(), (language, address)
            if address == "/partners/NG/":
                name = translated_country_name("Nigeria", language)
                assert name in page.locator("h1").inner_text()
        walked.append(language)
    assert "en" in walked
