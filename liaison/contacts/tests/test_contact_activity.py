"""Contact activity levels from interactions: regular (at least 4 in 12 months by default),
sporadic (1 to 3), dormant (none); and who is due for contact."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.models import months_before
from liaison.contacts.selectors import contact_point_activity, due_for_contact, partner_activity
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint

pytestmark = [pytest.mark.django_db]


def interactions(contact, count, on=TODAY - datetime.timedelta(days=10)):
    for _ in range(count):
        interaction_create(kind="call", date=on, summary="Demo call", contact_points=[contact])


def level(contact):
    return contact_point_activity(on=TODAY).get(pk=contact.pk).activity


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "dormant"), (1, "sporadic"), (3, "sporadic"), (4, "regular")]
)
def test_levels_at_the_thresholds(world, count, expected):
    contact = appoint(world["norway"])
    interactions(contact, count)
    assert level(contact) == expected


def test_only_the_window_counts(world):
    contact = appoint(world["norway"])
    start = months_before(TODAY, 12)
    interactions(contact, 4, on=start)  # the first day outside the window
    assert level(contact) == "dormant"
    interactions(contact, 1, on=start + datetime.timedelta(days=1))
    assert level(contact) == "sporadic"


def test_thresholds_come_from_the_settings(world, settings):
    settings.CONTACT_ACTIVITY_REGULAR_MIN = 2
    contact = appoint(world["norway"])
    interactions(contact, 2)
    assert level(contact) == "regular"


def test_a_partners_activity_is_that_of_its_contact_points(world):
    contact = appoint(world["norway"])
    interactions(contact, 4)
    appoint(world["nigeria"])
    levels = {p.code: p.activity for p in partner_activity(on=TODAY)}
    assert levels == {"NO": "regular", "NG": "dormant"}


def test_due_for_contact_puts_the_never_contacted_then_the_longest_silent_first(world):
    appoint(world["ghana"], "Demo Never")
    recent = appoint(world["norway"], "Demo Recent")
    interactions(recent, 1, on=TODAY - datetime.timedelta(days=5))
    old = appoint(world["nigeria"], "Demo Old")
    interactions(old, 1, on=TODAY - datetime.timedelta(days=300))
    assert [c.name for c in due_for_contact(on=TODAY)] == ["Demo Never", "Demo Old", "Demo Recent"]


def test_months_before_handles_short_months():
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 6, 15), 12) == datetime.date(2025, 6, 15)


def test_an_interaction_must_concern_someone_and_have_happened(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Say which"):
        interaction_create(kind="call", date=TODAY, summary="x")
    with pytest.raises(ValidationError, match="once it has taken place"):
        interaction_create(
            kind="call", date=datetime.date(2999, 1, 1), summary="x", partners=[world["norway"]]
        )
