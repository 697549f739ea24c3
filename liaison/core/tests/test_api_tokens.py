"""API tokens: made on the account page or the command line, shown once, stored as a
digest, refused once expired or revoked, and never a key to the web pages."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from liaison.core.models import ApiToken
from liaison.core.services import api_token_create

pytestmark = [pytest.mark.django_db]


def api_with(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_token_opens_the_api(alice):
    _token, key = api_token_create(user=alice, name="sync", days=30)
    assert api_with(key).get("/api/partners/").status_code == 200


def test_only_a_digest_of_the_key_is_stored(alice):
    token, key = api_token_create(user=alice, name="sync", days=30)
    token.refresh_from_db()
    stored = {field.attname: getattr(token, field.attname) for field in token._meta.fields}
    assert key not in {str(value) for value in stored.values()}
    assert key.startswith("lia_") and token.prefix == key[4:12]


def test_an_expired_token_is_refused_and_says_why(alice):
    token, key = api_token_create(user=alice, name="sync", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - datetime.timedelta(1))
    response = api_with(key).get("/api/partners/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_refused_and_says_why(alice_client, alice):
    token, key = api_token_create(user=alice, name="sync", days=30)
    response = alice_client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    answer = api_with(key).get("/api/partners/")
    assert answer.status_code == 401
    assert "revoked" in answer.json()["detail"]


def test_nobody_can_revoke_someone_elses_token(bob_client, alice):
    token, key = api_token_create(user=alice, name="sync", days=30)
    assert bob_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert api_with(key).get("/api/partners/").status_code == 200


def test_a_token_of_a_disabled_account_is_refused(alice):
    _token, key = api_token_create(user=alice, name="sync", days=30)
    alice.is_active = False
    alice.save()
    assert api_with(key).get("/api/partners/").status_code == 401


def test_the_account_page_shows_a_new_key_once(alice_client):
    response = alice_client.post("/account/tokens/", {"name": "case tracker", "days": 30})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert api_with(key).get("/api/regions/").status_code == 200
    assert key not in alice_client.get("/account/").content.decode()


def test_a_token_lifetime_out_of_bounds_is_refused(alice_client, alice):
    response = alice_client.post("/account/tokens/", {"name": "forever", "days": 10000})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.filter(user=alice).exists()


def test_a_token_needs_a_name(alice_client, alice):
    response = alice_client.post("/account/tokens/", {"name": "  ", "days": 30})
    assert response.status_code == 400
    assert not ApiToken.objects.filter(user=alice).exists()


def test_a_token_does_not_open_the_web_pages(alice):
    _token, key = api_token_create(user=alice, name="sync", days=30)
    response = api_with(key).get("/partners/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_command_line_makes_a_token_that_works(alice, capsys):
    call_command("create_api_token", "alice", "--name", "nightly export", "--days", "7")
    key = capsys.readouterr().out.splitlines()[1]
    token = ApiToken.objects.get(user=alice)
    assert token.name == "nightly export"
    assert (token.expires - timezone.now()).days in (6, 7)
    assert api_with(key).get("/api/partners/").status_code == 200


def test_the_command_line_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user named 'ghost'"):
        call_command("create_api_token", "ghost")


def test_the_command_line_refuses_a_lifetime_too_long(alice):
    with pytest.raises(CommandError, match="from 1 to 365 days"):
        call_command("create_api_token", "alice", "--days", "400")


def test_the_liaison_command_offers_it_with_dashes(tmp_path: Path) -> None:
    liaison = Path(sys.executable).parent / "liaison"
    result = subprocess.run(  # noqa: S603
        [str(liaison), "create-api-token", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"LIAISON_DATA_DIR": str(tmp_path), "LIAISON_HTTPS": "false", "PATH": "/usr/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "shown only this once" in result.stdout
