"""LIAISON_LOG_FORMAT=json: one JSON object a line, naming the request it was written for,
with secrets masked as in plain lines; the request id may come from the proxy."""

from __future__ import annotations

import datetime
import io
import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from liaison.core.log_format import JsonFormatter, RequestIdFilter
from liaison.core.log_masking import SecretPathFilter

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The root logger also writes to a buffer, through the handler set-up of settings.py."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(SecretPathFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)


def records(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_every_line_of_a_request_names_it_and_is_one_json_object(client, json_lines):
    response = client.get("/engagements/calendar/a-secret-key.ics/nothing-here")
    lines = records(json_lines)
    assert lines
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert "a-secret-key" not in json_lines.getvalue()


def test_a_line_written_outside_a_request_names_none(json_lines):
    logging.getLogger("liaison.test").warning("between requests")
    (line,) = records(json_lines)
    assert line["request_id"] is None
    assert line["message"] == "between requests"


def test_the_fields_a_caller_adds_and_tracebacks_are_masked_too(json_lines):
    try:
        raise ValueError("/engagements/calendar/another-secret.ics")
    except ValueError:
        logging.getLogger("liaison.test").exception(
            "failed", extra={"address": "/engagements/calendar/third-secret.ics"}
        )
    text = json_lines.getvalue()
    assert "secret.ics" not in text
    (line,) = records(json_lines)
    assert line["address"] == "/engagements/calendar/[hidden]"
    assert "ValueError" in line["exc_info"]


@override_settings(TRUST_X_REQUEST_ID=True)
def test_behind_a_trusted_proxy_its_well_formed_request_id_is_kept(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-4f2a9c1e")["X-Request-ID"] == (
        "proxy-4f2a9c1e"
    )
    given = uuid.uuid4()
    assert client.get("/healthz", HTTP_X_REQUEST_ID=str(given))["X-Request-ID"] == given.hex
    for malformed in ["short", "x" * 33, "has space in it", "ünïcode-id-1234", "a\nb-12345678"]:
        answered = client.get("/healthz", HTTP_X_REQUEST_ID=malformed)["X-Request-ID"]
        assert answered != malformed
        assert len(answered) == 32


def test_without_a_trusted_proxy_a_request_id_sent_by_the_client_is_ignored(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-4f2a9c1e")["X-Request-ID"] != (
        "proxy-4f2a9c1e"
    )


def test_the_setting_makes_every_line_json(tmp_path: Path):
    """The settings wiring itself, in a process of its own (a Django start-up: a few s)."""
    program = (
        "import django, logging; django.setup(); "
        "from django.test import Client; "
        "Client().get('/no-such-page/', HTTP_HOST='localhost'); "
        "logging.getLogger('liaison').info('done')"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "LIAISON_DATA_DIR": str(tmp_path),
        "LIAISON_LOG_FORMAT": "json",
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [line["message"] for line in lines][-2:] == ["Not Found: /no-such-page/", "done"]
    assert lines[-2]["request_id"] and lines[-1]["request_id"] is None


def test_a_line_a_view_writes_names_its_request(client, json_lines, monkeypatch):
    from liaison.core import health

    monkeypatch.setitem(health.CHECKS, "cache", lambda: "cache: out of order")
    response = client.get("/readyz")
    (line,) = [line for line in records(json_lines) if line["logger"] == "liaison.core.health"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "Not ready: cache: out of order"


@override_settings(LOG_FORMAT="json")
def test_gunicorns_access_lines_are_json_too_and_name_the_request(capsys):
    from types import SimpleNamespace

    from gunicorn.config import Config

    from liaison.core.log_masking import MaskingGunicornLogger
    from liaison.core.management.commands.serve import ACCESS_LOG_FORMAT

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", ACCESS_LOG_FORMAT)
    logger = MaskingGunicornLogger(config)
    response = SimpleNamespace(
        status="200 OK", sent=5, headers=[("X-Request-ID", "4b9a59b8d3ec49b0")]
    )
    request = SimpleNamespace(headers=[], method="GET", path="/engagements/calendar/key.ics")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/engagements/calendar/key.ics",
        "PATH_INFO": "/engagements/calendar/key.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    logger.access(response, request, environ, datetime.timedelta(seconds=0.01))
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["logger"] == "gunicorn.access"
    assert record["message"].endswith("request_id=4b9a59b8d3ec49b0")
    assert record["request_id"] == "4b9a59b8d3ec49b0"
    assert "key.ics" not in line
