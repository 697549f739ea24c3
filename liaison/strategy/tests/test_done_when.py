"""The issue's 'done when', on the reference data: recording Chile's working arrangement
coming into force moves the figure on the dashboard, in the API and in the PDF report."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from liaison.core.testing.pdf import pdf_text
from liaison.instruments.models import Instrument
from liaison.instruments.testing.factories import add_event
from liaison.strategy.report import report_pdf
from liaison.strategy.selectors import current_strategy, strategy_progress
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.django_db]

KEY = "p2-working-arrangements-twelve-countries"


def figure(progress) -> str:
    return next(e for e in progress.key_actions() if e.key_action.key == KEY).progress.figure


def test_chile_coming_into_force_moves_every_output(reference_data, api_bob):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    strategy = current_strategy()
    before = strategy_progress(strategy=strategy)
    assert len(before.priorities) == 6
    add_event(
        Instrument.objects.get(key="cl-working-arrangement"), "in_force", datetime.date(2024, 9, 1)
    )
    after = strategy_progress(strategy=strategy)
    done_before = int(figure(before).split(" / ")[0])
    assert figure(after) == f"{done_before + 1} / 12"
    api = api_bob.get(reverse("strategy-progress", kwargs={"key": strategy.key})).json()
    action = next(a for a in api["priorities"][1]["key_actions"] if a["key"] == KEY)
    assert "CL" in action["done"]
    text = " ".join(pdf_text(report_pdf(after, compress=False)).split())
    assert f"({figure(after)})" in text
    for entry in after.priorities:
        assert f"Priority {entry.priority.number}: {entry.priority.title}" in text
