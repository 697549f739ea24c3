"""“Reach a country”: one search, then the channels."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from liaison.contacts.tests.conftest import web_client

pytestmark = [pytest.mark.django_db]


def test_one_match_goes_straight_to_the_channels(world, bob):
    response = web_client(bob).get("/channels/", {"q": "ghana"})
    assert response.status_code == 302 and response["Location"] == "/channels/GH/"


def test_an_exact_code_wins_over_other_matches(world, bob):
    assert web_client(bob).get("/channels/", {"q": "ng"})["Location"] == "/channels/NG/"


def test_several_matches_are_listed_and_none_is_said(world, bob):
    client = web_client(bob)
    page = client.get("/channels/", {"q": "a"}).content.decode()
    assert "/channels/GH/" in page and "/channels/KE/" in page
    assert "No partner matches" in client.get("/channels/", {"q": "Atlantis"}).content.decode()


def test_a_lower_case_code_is_understood_and_an_unknown_one_is_404(world, bob):
    client = web_client(bob)
    assert client.get("/channels/gh/")["Location"] == "/channels/GH/"
    assert client.get("/channels/ZZ/").status_code == 404
    api = APIClient()
    api.force_authenticate(bob)
    assert api.get("/api/partners/ZZ/channels/").status_code == 404


def test_the_home_page_offers_the_reach_and_the_menu_the_search_for_everything(world, bob):
    page = web_client(bob).get("/").content.decode()
    assert page.count('action="/channels/"') == 1 and 'id="reach-home"' in page
    # The box in the menu searches everything; its partner results link to their channels.
    assert 'action="/search/"' in page and 'id="nav-search"' in page


def test_the_command_line_says_clearly_what_is_wrong(world):
    with pytest.raises(CommandError, match="No partner"):
        call_command("channels", "Atlantis")
    with pytest.raises(CommandError, match="no active user"):
        call_command("channels", "NG", "--user", "nobody")


def test_a_search_with_a_nul_character_finds_nothing_instead_of_failing(world, bob):
    # PostgreSQL refuses a NUL character in any text it compares; no partner's name has one.
    response = web_client(bob).get("/channels/", {"q": "gh\x00ana"})
    assert response.status_code == 200
    assert "No partner matches" in response.content.decode()


def test_what_a_channel_may_carry_reads_as_sentences(world, bob):
    # The decision is a sentence of its own: "Refused. To Interpol: ...", never
    # "refused To Interpol: ..." with a capital inside a sentence.
    page = web_client(bob).get("/channels/KE/").content.decode()
    carries = [
        " ".join(re.sub(r"<[^>]+>", "", paragraph).split())
        for paragraph in re.findall(r'<p class="carries">(.*?)</p>', page, re.S)
    ]
    interpol = next(text for text in carries if "Interpol" in text)
    assert interpol.startswith("What it may carry: Refused. To Interpol: No legal basis")
