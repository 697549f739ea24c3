"""A second factor (TOTP) for the roles that need one: set-up, the code after the password,
and nothing reachable before it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_persona
from liaison.core.models import RolePolicy
from liaison.core.roles import COOPERATION_OFFICER

pytestmark = [pytest.mark.django_db]


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def require_second_factor(role: str) -> None:
    RolePolicy.objects.filter(role=Group.objects.get(name=role)).update(second_factor_required=True)


def log_in(client: Any, name: str) -> Any:
    response = client.post("/login/", {"username": name, "password": PASSWORD})
    assert response.status_code == 302, "the password login itself must succeed"
    return response


@pytest.fixture
def officer(django_user_model: Any) -> Any:
    require_second_factor(COOPERATION_OFFICER)
    return make_persona(django_user_model, "alice")


def set_up_device(client: Any, user: Any) -> TOTPDevice:
    client.get("/account/second-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/second-factor/setup/", {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_it_sends_a_role_that_needs_a_second_factor_to_set_one_up_first(client, officer):
    log_in(client, "alice")
    response = client.get("/partners/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/second-factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'src="data:image/svg+xml' in page.content  # the QR code, served inline
    assert TOTPDevice.objects.get(user=officer, confirmed=False)


def test_it_lets_the_person_in_once_the_authenticator_is_confirmed(client, officer):
    log_in(client, "alice")
    set_up_device(client, officer)
    assert client.get("/partners/").status_code == 200


def test_it_refuses_a_wrong_code_at_set_up(client, officer):
    log_in(client, "alice")
    client.get("/account/second-factor/setup/")
    device = TOTPDevice.objects.get(user=officer)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/account/second-factor/setup/", {"code": wrong})
    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/partners/").status_code == 302


def test_it_asks_for_the_code_at_every_new_login(client, officer):
    log_in(client, "alice")
    device = set_up_device(client, officer)
    client.post("/logout/")

    log_in(client, "alice")
    response = client.get("/partners/?kind=country")
    assert response["Location"].startswith("/account/second-factor/?next=")
    answer = client.post(
        "/account/second-factor/",
        {"code": code_for(device, steps_ahead=1), "next": "/partners/?kind=country"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/partners/?kind=country"
    assert client.get("/partners/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_the_next_try(client, officer):
    log_in(client, "alice")
    device = set_up_device(client, officer)
    client.post("/logout/")
    log_in(client, "alice")
    wrong = f"{(int(code_for(device, steps_ahead=1)) + 1) % 1_000_000:06d}"
    first = client.post("/account/second-factor/", {"code": wrong})
    assert first.status_code == 400
    # Right after a failure, even the right code must wait: guessing is throttled.
    second = client.post("/account/second-factor/", {"code": code_for(device, steps_ahead=1)})
    assert second.status_code == 429
    assert client.get("/partners/").status_code == 302


def test_the_api_refuses_a_session_still_waiting_for_its_code(client, officer):
    log_in(client, "alice")
    response = client.get("/api/partners/")
    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


def test_replacing_the_authenticator_needs_a_code_from_the_current_one(client, officer):
    log_in(client, "alice")
    set_up_device(client, officer)
    client.post("/logout/")
    log_in(client, "alice")
    response = client.get("/account/second-factor/setup/")
    assert response["Location"].startswith("/account/second-factor/?next=")
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_a_role_without_the_requirement_is_not_asked(client, django_user_model):
    make_persona(django_user_model, "bob")
    log_in(client, "bob")
    assert client.get("/partners/").status_code == 200


@override_settings(ADMINISTRATOR_SECOND_FACTOR=True)
def test_administrators_need_it_when_production_mode_asks_for_it(client, django_user_model):
    make_persona(django_user_model, "erin")
    log_in(client, "erin")
    assert client.get("/admin/")["Location"].startswith("/account/second-factor/setup/")


@override_settings(ADMINISTRATOR_SECOND_FACTOR=True)
def test_a_superuser_counts_as_an_administrator(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    log_in(client, "root")
    assert client.get("/")["Location"].startswith("/account/second-factor/setup/")


def test_production_mode_requires_it_for_administrators_by_default(tmp_path):
    from liaison.core.tests.test_settings_and_cli import run_liaison

    code = "from django.conf import settings; print(settings.ADMINISTRATOR_SECOND_FACTOR)"
    production = run_liaison(
        "shell",
        "-c",
        code,
        data_dir=tmp_path,
        LIAISON_HTTPS="true",
        LIAISON_SECRET_KEY="x" * 60,
    )
    local = run_liaison("shell", "-c", code, data_dir=tmp_path)
    assert production.stdout.strip().splitlines()[-1] == "True", production.stderr
    assert local.stdout.strip().splitlines()[-1] == "False", local.stderr


def test_once_someone_sets_up_an_authenticator_every_login_asks_for_it(client, django_user_model):
    carol = make_persona(django_user_model, "carol")  # her role does not require one
    log_in(client, "carol")
    set_up_device(client, carol)
    client.post("/logout/")
    log_in(client, "carol")
    assert client.get("/partners/")["Location"].startswith("/account/second-factor/?next=")


def test_each_visit_to_the_set_up_page_shows_a_new_key(client, officer):
    log_in(client, "alice")
    client.get("/account/second-factor/setup/")
    first = TOTPDevice.objects.get(user=officer, confirmed=False)
    client.get("/account/second-factor/setup/")
    second = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert first.key != second.key
    # A code from a key shown earlier (perhaps to someone else) no longer confirms anything.
    response = client.post("/account/second-factor/setup/", {"code": code_for(first)})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_a_set_up_started_in_another_session_cannot_be_confirmed_here(client, officer):
    other = Client()
    log_in(other, "alice")
    other.get("/account/second-factor/setup/")
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    log_in(client, "alice")
    response = client.post("/account/second-factor/setup/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/second-factor/setup/")
    device.refresh_from_db()
    assert not device.confirmed


def test_no_administrator_can_read_someone_elses_authenticator_key(
    client, officer, django_user_model
):
    log_in(client, "alice")
    device = set_up_device(client, officer)
    admin = Client()
    admin.force_login(make_persona(django_user_model, "erin"))
    page = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
