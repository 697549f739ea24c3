"""A refusal (403) is one calm line in the server log, naming the user, the path and the
request id; never a traceback. Checked on what the configured console handler writes."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from conftest import make_persona

pytestmark = [pytest.mark.django_db]


def console_handler() -> logging.Handler:
    """The handler settings.LOGGING puts on the root logger: what the server log shows."""
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert handlers, "settings.LOGGING configures a console handler on the root logger"
    return handlers[0]


def forbidden_lines(caplog: Any) -> list[str]:
    handler = console_handler()
    return [
        handler.format(record)
        for record in caplog.records
        if record.name == "django.request" and getattr(record, "status_code", None) == 403
    ]


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("nora", "/partners/"),  # a web page refused by the role check (PermissionDenied)
        ("bob", "/admin/"),  # the admin, for a signed-in non-administrator
        ("bob", "/api/engagements/"),  # the API: a viewer may not write
    ],
)
def test_it_logs_a_refusal_as_one_line_with_user_path_and_request_id(
    client: Any, django_user_model: Any, caplog: Any, persona: str, url: str
) -> None:
    user = make_persona(django_user_model, persona)
    client.force_login(user)
    caplog.set_level(logging.INFO)
    if url.startswith("/api/"):
        response = client.post(url, {}, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == 403
    lines = forbidden_lines(caplog)
    assert len(lines) == 1, lines
    line = lines[0]
    assert "\n" not in line
    assert "Traceback" not in line
    assert f"user={persona}" in line
    assert url in line
    assert response["X-Request-ID"] in line


def test_other_errors_keep_their_traceback(client: Any, alice: Any, caplog: Any) -> None:
    """Only refusals are calmed: a real failure still logs everything needed to fix it."""
    from django.test import override_settings
    from django.urls import path

    def broken(request: Any) -> Any:
        raise RuntimeError("broken on purpose")

    class Urls:
        urlpatterns = [path("broken/", broken)]

    client.raise_request_exception = False
    client.force_login(alice)
    with override_settings(ROOT_URLCONF=Urls):
        response = client.get("/broken/")
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert errors and "Traceback" in console_handler().format(errors[0])
