"""The user guide's screenshots are taken here, from the pages each role really sees.

Each run saves them into a scratch directory; with LIAISON_DOCS_SCREENSHOTS=docs/_static/
screenshots they replace the guide's own copies (do that after changing a page shown in the
guide, and commit the pictures)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from conftest import PASSWORD, make_persona
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (file, persona, address, a heading the page must show before it is photographed)
SHOTS = [
    ("home.png", "alice", "/", None),
    ("partner.png", "alice", "/partners/NG/", "Nigeria"),
    ("transfer-form.png", "carol", "/transfer-assessments/new/?partner=NG", None),
    ("access-log.png", "dave", "/access-log/", None),
    ("strategy.png", "bob", "/strategy/", None),
]


def test_the_guide_screenshots_show_each_roles_pages(
    browser, live_server, reference_data_committed, django_user_model, tmp_path
):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    target = Path(os.environ.get("LIAISON_DOCS_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    for persona in {shot[1] for shot in SHOTS}:
        make_persona(django_user_model, persona)
    for filename, persona, address, heading in SHOTS:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("User name").fill(persona)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/$"))
        response = page.goto(f"{live_server.url}{address}")
        assert response is not None and response.status == 200, (filename, address)
        page.wait_for_load_state("networkidle")  # the panels loaded with htmx
        if heading:
            assert heading in page.locator("h1").first.inner_text()
        page.screenshot(path=str(target / filename))
        context.close()
        # A PNG of a real page, not an empty one.
        data = (target / filename).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, filename
