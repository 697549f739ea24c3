"""On PostgreSQL, who is due for contact is ordered from the contact points' own
`last_interaction_on` by the partial indexes on the active ones, without reading an
interaction; and a partner's contact points are listed newest first by their index (the
UPPER() of the former `iexact` filter was served by none). Checked with EXPLAIN on the
register of liaison/core/tests/test_query_plans.py."""

from __future__ import annotations

import pytest
from django.db import connection

from liaison.contacts.filtersets import ContactPointFilterSet
from liaison.contacts.models import ContactPoint, activity_window
from liaison.contacts.selectors import _DueOrder, due_for_contact
from liaison.core.tests.test_query_plans import (  # noqa: F401 (fixtures)
    TODAY,
    _filtered,
    assert_index_served,
    plans,
    register,
    register_module,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"
    ),
]


def test_who_is_due_is_ordered_by_the_indexes_on_the_active_contact_points(register):  # noqa: F811
    start, _end = activity_window(TODAY)
    order = _DueOrder(ContactPoint.objects.active().real(), start)
    silent, heard = plans([order.silent.values("pk")[:50]]), plans([order.heard.values("pk")[:50]])
    # The silent ones by either partial index (the planner may sort the few it finds).
    assert "contactpoint_active_" in silent, silent
    assert_index_served(silent, "contacts_contactpoint")
    # The others are many: read in order from the index, no sort.
    assert "contactpoint_active_last" in heard, heard
    assert_index_served(heard, "contacts_contactpoint", conditions=("last_interaction_on",))
    assert "Sort" not in heard, heard
    for plan in (silent, heard):
        assert "contacts_interaction" not in plan, plan
    assert len(due_for_contact(on=TODAY, page=2).object_list) == 50


def test_a_partners_contact_points_are_read_in_order_by_its_index(register):  # noqa: F811
    rows = _filtered(ContactPointFilterSet, ContactPoint.objects.all(), partner="rs")
    plan = plans([rows[:50]])
    assert "contactpoint_partner_newest" in plan, plan
    assert_index_served(plan, "contacts_contactpoint", conditions=("partner_id",))
    # (At the "agency" size the index gives the page in order; here, with ~25 contact
    # points a partner, the planner may still sort the few it reads.)


def test_the_per_partner_activity_sums_the_daily_counts_from_their_index(register):  # noqa: F811
    from liaison.contacts.models import PartnerInteractionDay
    from liaison.contacts.selectors import partner_activity

    start, end = activity_window(TODAY)
    window = PartnerInteractionDay.objects.filter(
        date__gt=start, date__lte=end, interactions__gt=0, demo=False
    )
    plan = plans([window.values("partner_id", "interactions", "date")])
    assert "partner_interaction_day_window" in plan, plan
    assert_index_served(plan, "contacts_partnerinteractionday", conditions=("date",))
    assert "contacts_interaction" not in plan.replace("contacts_partnerinteractionday", ""), plan
    assert any(partner.recent_interactions for partner in partner_activity(on=TODAY))


def test_the_demo_records_are_counted_by_their_partial_indexes(register):  # noqa: F811
    from liaison.contacts.models import Interaction, demo_email_q, demo_interaction_q

    interactions = plans([Interaction.objects.filter(demo_interaction_q()).values("pk")])
    assert "interaction_demo" in interactions, interactions
    assert_index_served(interactions, "contacts_interaction")
    contact_points = plans([ContactPoint.objects.filter(demo_email_q()).values("pk")])
    assert "contactpoint_demo" in contact_points, contact_points
    assert_index_served(contact_points, "contacts_contactpoint")
