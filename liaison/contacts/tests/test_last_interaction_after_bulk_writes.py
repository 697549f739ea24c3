"""The scale generator writes interactions in bulk, past the signals that keep each contact
point's `last_interaction_on`: it sets the dates in SQL after its writes."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Max

from liaison.contacts.models import ContactPoint

pytestmark = [pytest.mark.django_db]

TODAY = datetime.date(2026, 6, 15)


def test_the_scale_generator_sets_it_after_its_bulk_writes(reference_data):
    from liaison.reference.scale import scale_data_generate

    scale_data_generate(size="small", seed=5, today=TODAY)
    contacts = ContactPoint.objects.annotate(expected=Max("interactions__date"))
    assert contacts.filter(expected__isnull=False).exists()
    assert [(c.pk, c.last_interaction_on) for c in contacts] == [
        (c.pk, c.expected) for c in contacts
    ]


def test_the_scale_generator_writes_the_daily_counts_per_partner(reference_data):
    from liaison.contacts.models import Interaction, PartnerInteractionDay
    from liaison.reference.scale import scale_data_generate

    scale_data_generate(size="small", seed=5, today=TODAY)
    links = Interaction.partners.through.objects.order_by().values(
        "partner_id", "interaction__date"
    )
    expected = {
        (row["partner_id"], row["interaction__date"], row["n"])
        for row in links.annotate(n=Count("interaction_id"))
    }
    written = set(
        PartnerInteractionDay.objects.filter(demo=False).values_list(
            "partner_id", "date", "interactions"
        )
    )
    assert expected and written == expected


def test_the_scale_generator_leaves_demo_interactions_out_of_the_dates(reference_data):
    """The generator recounts every contact point and day: a demo interaction recorded
    before it, and an officer's summary that only looks like the marker in lower case, are
    counted as the signals count them."""
    from liaison.contacts.models import PartnerInteractionDay
    from liaison.contacts.services import interaction_create
    from liaison.contacts.tests.conftest import appoint
    from liaison.partners.models import Partner
    from liaison.reference.scale import scale_data_generate

    serbia = Partner.objects.get(code="RS")
    contact = appoint(serbia, name="Only Demo Contact")
    day = datetime.date(2003, 6, 2)  # before the synthetic decade: no synthetic row that day
    interaction_create(kind="call", date=day, summary="[DEMO] call", contact_points=[contact])
    interaction_create(kind="call", date=day, summary="[demo] of the portal", partners=[serbia])

    scale_data_generate(size="small", seed=5, today=TODAY, force=True)

    assert ContactPoint.objects.get(pk=contact.pk).last_interaction_on is None
    counted = {
        row.demo: row.interactions
        for row in PartnerInteractionDay.objects.filter(partner=serbia, date=day)
    }
    assert counted == {True: 1, False: 1}
