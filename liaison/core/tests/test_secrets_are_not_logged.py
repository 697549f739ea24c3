"""Passwords, one-time codes, API keys and calendar keys never reach the logs."""

from __future__ import annotations

import datetime
import io
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config as GunicornConfig
from rest_framework.test import APIClient

from conftest import PASSWORD
from liaison.core.log_masking import MaskingGunicornLogger
from liaison.engagements.services import calendar_feed_key_create

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

    from liaison.engagements.models import CalendarFeedKey

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


@pytest.fixture
def console_output():
    """What the configured console handler writes, as an operator would read it."""
    handlers = [h for h in logging.getLogger().handlers if h.filters]
    assert handlers, "the console handler with its filters is configured"
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def test_no_log_line_of_the_server_carries_a_calendar_key(bob, console_output):
    from django.test import Client

    _feed_key, key = calendar_feed_key_create(user=bob)
    visitor = Client()
    for method, path in [
        ("get", f"/engagements/calendar/{key}.ics"),
        ("post", f"/engagements/calendar/{key}.ics"),  # 405
        ("generic", f"/engagements/calendar/{key}.ics"),  # PROPFIND, 405
        ("get", f"/engagements/calendar/{key}.ICS"),  # no such address: 404
        ("get", f"/engagements/calendar/{key}.ics/"),
        ("get", f"/engagements/calendar/{key}"),
    ]:
        if method == "generic":
            visitor.generic("PROPFIND", path)
        else:
            getattr(visitor, method)(path)
    written = console_output.getvalue()
    assert "/engagements/calendar/[hidden]" in written  # the refusals are still logged
    assert key not in written and key[4:20] not in written


def test_the_web_servers_access_log_masks_the_key(tmp_path):
    key = "cal_" + "k" * 40
    config = GunicornConfig()
    config.set("accesslog", str(tmp_path / "access.log"))
    server_log = MaskingGunicornLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/engagements/calendar/{key}.ics",
        "PATH_INFO": f"/engagements/calendar/{key}.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://liaison.example/engagements/calendar/{key}.ics",
    }
    response = SimpleNamespace(status="200 OK", sent=120, headers=[])
    server_log.access(response, [], environ, datetime.timedelta(milliseconds=3))
    for handler in server_log.access_log.handlers:
        handler.flush()
    written = (tmp_path / "access.log").read_text()
    assert "GET /engagements/calendar/[hidden] HTTP/1.1" in written
    assert key not in written
