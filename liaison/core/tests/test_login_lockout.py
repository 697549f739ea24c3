"""Guessing passwords locks the guesser out, even when the next guess is right."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = [pytest.mark.django_db]


def test_repeated_failures_lock_the_account_out_of_this_address(client, bob):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "bob", "password": "guess"})
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert client.get(reverse("partners:partner_list")).status_code == 302  # still not logged in


def test_a_success_before_the_limit_clears_the_failures(client, bob):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "bob", "password": "guess"})
    assert (
        client.post(reverse("login"), {"username": "bob", "password": PASSWORD}).status_code == 302
    )
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "bob", "password": "guess"})
    assert (
        client.post(reverse("login"), {"username": "bob", "password": PASSWORD}).status_code == 302
    )


def test_another_user_name_is_not_locked_out(client, bob, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "bob", "password": "guess"})
    assert (
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )
