"""The language: the browser's on a first visit, the switcher on every page, and a logged-in
person's saved preference, which follows them to any browser at login."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from liaison.core.languages import user_language
from liaison.core.models import UserPreference

pytestmark = [pytest.mark.django_db]


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "the page names its language"
    return match.group(1)


def test_a_first_visit_is_in_the_browsers_language():
    response = Client(headers={"accept-language": "pt-PT,pt;q=0.9,en;q=0.5"}).get("/login/")
    assert html_lang(response) == "pt"
    assert response["Content-Language"] == "pt"


def test_a_language_liaison_does_not_speak_falls_back_to_english():
    assert html_lang(Client(headers={"accept-language": "de"}).get("/login/")) == "en"


def test_every_page_has_a_labelled_switcher_naming_each_language_in_itself(alice_client):
    for page in ("/login/", "/partners/", "/account/"):
        client = Client() if page == "/login/" else alice_client
        html = client.get(page).content.decode()
        assert '<label for="language-switcher-select">' in html
        for code, name in (
            ("en", "English"),
            ("fr", "Français"),
            ("pt", "Português"),
            ("es", "Español"),
        ):
            assert f'<option value="{code}" lang="{code}"' in html
            assert name in html


def test_the_switcher_works_without_a_login_and_without_javascript():
    client = Client()
    response = client.post("/language/", {"language": "es", "next": "/login/?next=/partners/"})
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/partners/"
    assert html_lang(client.get("/login/")) == "es"


def test_the_switcher_sends_nobody_to_another_site():
    response = Client().post("/language/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(alice, alice_client):
    alice_client.post("/language/", {"language": "xx", "next": "/partners/"})
    assert user_language(user=alice) == ""
    assert html_lang(alice_client.get("/partners/")) == "en"


def test_a_logged_in_persons_switch_is_saved_and_follows_them_to_another_browser(alice):
    laptop = Client()
    laptop.force_login(alice)
    laptop.post("/language/", {"language": "fr", "next": "/partners/"})
    assert user_language(user=alice) == "fr"
    assert html_lang(laptop.get("/partners/")) == "fr"

    # Another browser that asks for Spanish: at login the saved French wins.
    phone = Client(headers={"accept-language": "es"})
    assert html_lang(phone.get("/login/")) == "es"
    phone.force_login(alice)
    assert html_lang(phone.get("/partners/")) == "fr"


def test_the_account_page_saves_the_language_or_gives_it_back_to_the_browser(alice, alice_client):
    response = alice_client.post("/account/language/", {"language": "pt"}, follow=True)
    assert UserPreference.objects.get(user=alice).language == "pt"
    assert html_lang(response) == "pt"
    assert 'value="pt" lang="pt" selected' in response.content.decode()

    alice_client.post("/account/language/", {"language": ""})
    assert user_language(user=alice) == ""
    browser = Client(headers={"accept-language": "es"})
    browser.force_login(alice)
    assert html_lang(browser.get("/partners/")) == "es"


def test_the_account_page_refuses_a_language_liaison_does_not_speak(alice, alice_client):
    response = alice_client.post("/account/language/", {"language": "de"}, follow=True)
    assert "is not available in" in response.content.decode()
    assert not UserPreference.objects.filter(user=alice, language="de").exists()
