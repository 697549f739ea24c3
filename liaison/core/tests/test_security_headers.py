"""Headers that keep pages from running foreign or injected code, and sessions that end."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("url", ["/login/", "/partners/", "/api/partners/", "/api/docs/"])
def test_every_answer_forbids_inline_and_foreign_scripts_and_framing(bob_client, url):
    response = bob_client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    # The whole policy, directive by directive (their order in the header carries no meaning).
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_session_ends_after_an_hour_without_requests_and_each_request_renews_it(bob_client):
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    response = bob_client.get("/partners/")
    assert response.cookies["sessionid"]["max-age"] == 60 * 60


def test_token_authentication_is_not_accepted_by_the_web_pages(api_bob, client):
    # The token opens the API, not the web UI, which needs a session (and CSRF checks).
    token_header = api_bob._credentials["HTTP_AUTHORIZATION"]
    response = client.get("/partners/", HTTP_AUTHORIZATION=token_header)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_forms_refuse_a_post_without_the_csrf_token(bob):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(bob)
    assert strict.post("/logout/").status_code == 403
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/login/", {"username": "bob", "password": "x"}).status_code == 403


def test_the_api_refuses_a_session_write_without_the_csrf_token(alice):
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    api.force_login(alice)
    response = api.post("/api/regions/", {"code": "x", "name": "X"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
