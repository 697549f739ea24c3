"""An administrator whose role needs a second factor sets up an authenticator in the
browser, then creates and revokes an API token on the account page."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_persona
from liaison.core.models import ApiToken, RolePolicy
from liaison.core.roles import ADMINISTRATOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_up_the_second_factor_then_manages_a_token(
    page, live_server, django_user_model
):
    RolePolicy.objects.filter(role=Group.objects.get(name=ADMINISTRATOR)).update(
        second_factor_required=True
    )
    erin = make_persona(django_user_model, "erin")

    page.goto(f"{live_server.url}/partners/")
    page.get_by_label("User name").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/account/second-factor/setup/"))

    qr = page.get_by_role("img", name="QR code holding the key below")
    # The QR code is an inline image (no request to any host) that the browser can draw.
    assert qr.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    device = TOTPDevice.objects.get(user=erin, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("One-time code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Confirm and finish").click()
    page.wait_for_url(re.compile(r"/partners/$"))

    page.get_by_role("link", name="erin").click()
    page.get_by_label("What is it for?").fill("case tracker")
    page.get_by_role("button", name="Create token").click()
    key = page.locator("#new-token-key").inner_text()
    assert key.startswith("lia_")
    assert ApiToken.objects.get(user=erin).prefix == key[4:12]

    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("is revoked").wait_for()
    assert ApiToken.objects.get(user=erin).revoked is not None
