"""Management opens the strategy dashboard on the reference data: six priorities, each with
a progress figure; when Chile's working arrangement comes into force, the figure moves by
itself."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings

from conftest import PASSWORD, make_persona
from liaison.instruments.models import Instrument
from liaison.instruments.testing.factories import add_event
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_shows_six_priorities_and_moves_when_chile_comes_into_force(
    page, live_server, reference_data_committed, django_user_model
):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    make_persona(django_user_model, "bob")
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Strategy", exact=True).click()
    page.wait_for_url(re.compile(r"/strategy/$"))
    assert page.locator("section.strategy-priority").count() == 6
    action = page.locator("#p2-working-arrangements-twelve-countries")
    before = action.locator("progress").get_attribute("value")
    assert "Chile" in action.locator("dd").nth(1).inner_text()  # not done yet

    chile = Instrument.objects.get(key="cl-working-arrangement")
    add_event(chile, "in_force", datetime.date(2024, 9, 1))
    page.reload()
    action = page.locator("#p2-working-arrangements-twelve-countries")
    after = action.locator("progress").get_attribute("value")
    assert int(after) > int(before)
    assert "Chile" in action.locator("dd").first.inner_text()
