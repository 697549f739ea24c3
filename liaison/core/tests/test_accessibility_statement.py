"""The accessibility statement: open to everyone, it says how far Liaison conforms, what
does not, how to report a problem and when it was last reviewed."""

from __future__ import annotations

import pytest
from django.test import Client

from liaison.core.tests.test_settings_and_cli import run_liaison

pytestmark = pytest.mark.django_db

STATEMENT = "/accessibility/"


def test_it_opens_without_logging_in_and_says_what_eu_statements_say(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "partially compliant" in html
    assert "WCAG" in html and "EN 301 549" in html
    assert "Known exceptions" in html
    assert "Report a problem" in html
    assert "last reviewed on" in html and "2026-11-27" in html


def test_every_page_links_to_it_from_its_footer(alice):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(alice)
    for response in (anonymous.get("/login/"), signed_in.get("/partners/")):
        footer = response.content.decode().split('<footer class="site-footer">')[1]
        assert f'href="{STATEMENT}"' in footer


def test_it_names_the_address_problems_go_to(client, settings):
    settings.ACCESSIBILITY_CONTACT = "accessibility@agency.example.org"
    html = client.get(STATEMENT).content.decode()
    assert 'href="mailto:accessibility@agency.example.org"' in html


def test_a_contact_that_is_not_an_e_mail_address_is_refused_at_start(tmp_path):
    result = run_liaison("check", data_dir=tmp_path, LIAISON_ACCESSIBILITY_CONTACT="call us")
    assert result.returncode != 0
    assert "LIAISON_ACCESSIBILITY_CONTACT='call us' must be an e-mail address" in result.stderr
