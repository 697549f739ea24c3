"""The Necessity pages meet WCAG 2.1 AA as far as a machine can tell, at desktop width and at
320 px (no sideways scrolling): the ranking, the ranking with parameter errors, a saved
analysis and the list of them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.necessity.selectors import NecessityParameters, necessity_ranking
from liaison.necessity.services import crime_priorities_load, saved_analysis_create
from liaison.strategy.services import strategy_load
from tests.browser.accessibility import PHONE, check_page, log_in, new_context, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_necessity_pages_pass_at_desktop_width_and_at_320_px(
    browser, live_server, reference_data_committed, django_user_model
):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    crime_priorities_load(path=settings.REFERENCE_DATA_DIR / "crime_priorities.yaml")
    demo_cases_create(count=10, seed=1, today=timezone.localdate())
    erin = make_persona(django_user_model, "erin")
    params = NecessityParameters(include_demo=True)
    analysis = saved_analysis_create(
        user=erin,
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
    )
    context = new_context(browser)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        log_in(page, live_server, "erin")
        for path in (
            "/necessity/?include_demo=1",
            "/necessity/?window=0&volume=-1",
            "/necessity/analyses/",
            f"/necessity/analyses/{analysis.pk}/",
        ):
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{live_server.url}{path}")
            problems[f"{path} at 1280 px"] = check_page(page)
            page.set_viewport_size(PHONE)
            problems[f"{path} at 320 px"] = check_page(page, reflow=True)
    finally:
        context.close()
    assert not any(problems.values()), report(problems)
