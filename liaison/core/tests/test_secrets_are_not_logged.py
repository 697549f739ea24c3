"""Passwords, one-time codes and API keys never reach the logs."""

from __future__ import annotations

import logging

import pytest
from rest_framework.test import APIClient

from conftest import PASSWORD

pytestmark = [pytest.mark.django_db]

WRONG_PASSWORD = "Wr0ng-but-secret-Passw0rd!"  # noqa: S105


def test_a_failed_or_successful_login_logs_no_password(client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/login/", {"username": "alice", "password": WRONG_PASSWORD})
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert "login failure" in caplog.text  # the attempt is logged, without what was typed
    assert WRONG_PASSWORD not in caplog.text
    assert PASSWORD not in caplog.text


def test_creating_and_using_a_token_logs_no_key(alice_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = alice_client.post("/account/tokens/", {"name": "sync", "days": 30})
    key = response.context["new_key"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    api.get("/api/partners/")
    api.get("/api/no-such-endpoint/")  # a 404 is logged: the key must not be in it
    assert key not in caplog.text


def test_making_using_and_revoking_a_calendar_address_logs_no_key(bob_client, bob, caplog):
    from django.test import Client

    from liaison.core.models import CalendarFeedKey

    caplog.set_level(logging.DEBUG)
    response = bob_client.post("/account/calendar-feeds/")
    url = response.context["new_feed_url"]
    key = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert Client().get(url).status_code == 200
    bob_client.post(f"/account/calendar-feeds/{CalendarFeedKey.objects.get().pk}/revoke/")
    assert Client().get(url).status_code == 404  # a 404 is usually logged with its path
    assert Client().get(url.replace(key, key[:-2] + "xx")).status_code == 404
    assert key not in caplog.text and key[4:20] not in caplog.text


def test_error_pages_show_nothing_internal(alice_client):
    response = alice_client.get("/partners/NO-SUCH-PARTNER/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Traceback" not in body and "settings" not in body.lower()


def test_an_unknown_api_address_answers_json_not_a_page(api_alice):
    response = api_alice.get("/api/partners/%C2%84/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "There is nothing at this address."}
