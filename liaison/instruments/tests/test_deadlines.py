"""Instruments with an end date appear on the home page 12, 6 and 1 months before it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from liaison.instruments.selectors import months_later, upcoming_deadlines
from liaison.instruments.testing.factories import InstrumentFactory, add_event

pytestmark = [pytest.mark.django_db]

TODAY = datetime.date(2030, 12, 27)


@pytest.mark.parametrize(
    ("ends", "notice"),
    [
        (datetime.date(2031, 12, 27), 12),  # the UK adequacy decision, a year ahead
        (datetime.date(2031, 6, 27), 6),
        (datetime.date(2031, 1, 20), 1),
        (datetime.date(2031, 12, 28), None),  # too far yet
        (datetime.date(2030, 12, 27), None),  # today: no longer upcoming
    ],
)
def test_an_end_is_announced_at_12_6_and_1_months(ends, notice):
    instrument = InstrumentFactory(type="adequacy_decision")
    add_event(instrument, "adopted", date=datetime.date(2021, 6, 28))
    add_event(instrument, "expires", date=ends)
    found = upcoming_deadlines(on=TODAY)
    assert [deadline.notice_months for deadline in found] == ([notice] if notice else [])


def test_months_later_keeps_to_the_end_of_short_months():
    assert months_later(datetime.date(2031, 8, 31), 6) == datetime.date(2032, 2, 29)
    assert months_later(datetime.date(2030, 12, 27), 12) == datetime.date(2031, 12, 27)


def test_the_home_page_lists_upcoming_ends(bob_client):
    instrument = InstrumentFactory(title="Adequacy decision for Ruritania")
    add_event(instrument, "in_force", date=datetime.date(2020, 1, 1))
    add_event(instrument, "expires", date=months_later(datetime.date.today(), 5))
    page = bob_client.get(reverse("home")).content.decode()
    assert "Upcoming ends" in page and "Adequacy decision for Ruritania" in page
    assert "within 6 months" in page
