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
