"""Log out everywhere: every session of the account ends, others' sessions do not."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from liaison.core.models import ApiToken
from liaison.core.services import api_token_create

pytestmark = [pytest.mark.django_db]


def test_it_asks_before_logging_out_everywhere(alice_client):
    response = alice_client.get("/account/log-out-everywhere/")
    assert response.status_code == 200
    assert "every session of your account ends" in response.content.decode().lower()
    assert alice_client.get("/partners/").status_code == 200  # nothing ended yet


def test_it_ends_every_session_of_the_account_and_no_other(alice, bob):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(alice)
    phone.force_login(alice)
    colleague.force_login(bob)

    response = laptop.post("/account/log-out-everywhere/")
    assert response["Location"] == "/login/?logged_out=everywhere"

    assert laptop.get("/partners/")["Location"].startswith("/login/")
    assert phone.get("/partners/")["Location"].startswith("/login/")
    assert colleague.get("/partners/").status_code == 200


def test_it_can_revoke_the_api_tokens_too(alice):
    _token, key = api_token_create(user=alice, name="sync", days=30)
    laptop = Client()
    laptop.force_login(alice)
    laptop.post("/account/log-out-everywhere/", {"revoke_tokens": "on"})
    assert ApiToken.objects.filter(user=alice, revoked__isnull=True).count() == 0
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/partners/").status_code == 401


def test_without_asking_it_leaves_the_api_tokens_working(alice):
    _token, key = api_token_create(user=alice, name="sync", days=30)
    laptop = Client()
    laptop.force_login(alice)
    laptop.post("/account/log-out-everywhere/")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/partners/").status_code == 200
