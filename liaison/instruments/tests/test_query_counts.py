"""The proposal list asks the transfer engine, for every pending proposal on the page, what
the change would do: a cost per row that this test pins, so that it cannot grow unseen (a
query inside a loop of the engine would multiply by the page's 20 rows)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    SourceFactory,
    add_event,
    cite,
)

pytestmark = [pytest.mark.django_db]


def pending_proposals(user: Any, count: int) -> None:
    """`count` proposals to bring a signed cooperation agreement into force, one per partner
    (before 12 December 2019, as a cooperation agreement's entry into force must be)."""
    source = SourceFactory()
    for _ in range(count):
        partner = PartnerFactory(competent_in_criminal_matters=True)
        instrument = InstrumentFactory(partner=partner, type="cooperation_agreement")
        cite(instrument)
        add_event(instrument, "signed", date=datetime.date(2019, 1, 1))
        instrument_transition(
            instrument=instrument,
            event_kind="in_force",
            date=datetime.date(2019, 6, 1),
            source=source,
            user=user,
        )


def queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/instruments/proposals/")
    assert response.status_code == 200
    return len(captured)


# What one pending row costs today: the partner's instruments and the instrument's events
# with their sources, then the engine's facts for the partner before and after the change.
QUERIES_PER_PENDING_ROW = 6
PAGE = 20


def test_each_pending_proposal_costs_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    pending_proposals(alice, 1)
    one = queries(client)
    pending_proposals(alice, 4)
    assert queries(client) - one <= 4 * QUERIES_PER_PENDING_ROW


def test_a_full_page_of_pending_proposals_stays_within_its_budget(
    client, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    pending_proposals(alice, 1)
    one = queries(client)
    pending_proposals(alice, PAGE + 5)  # more than a page: the rows beyond it cost nothing
    with django_assert_max_num_queries(one + (PAGE - 1) * QUERIES_PER_PENDING_ROW):
        assert client.get("/instruments/proposals/").status_code == 200
