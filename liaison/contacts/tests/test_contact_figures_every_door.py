"""The kept contact figures after the doors the fixes of the attack findings touched:
a contact point loaded from a fixture, the demo remover, a stale copy of a contact point
saved, and the model's own refusal of an interaction to come."""

from __future__ import annotations

import datetime

import pytest
from django.core import management, serializers
from django.core.exceptions import ValidationError

from liaison.contacts.demo import demo_data_create, demo_data_remove
from liaison.contacts.models import ContactPoint, Interaction, PartnerInteractionDay
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint

pytestmark = [pytest.mark.django_db]

DAY = datetime.date(2026, 3, 2)


def test_a_contact_point_loaded_from_a_fixture_keeps_its_real_last_interaction(world, tmp_path):
    contact = appoint(world["nigeria"])
    fixture = tmp_path / "contact.json"
    fixture.write_text(serializers.serialize("json", [contact]))  # saved without interactions
    interaction_create(kind="call", date=DAY, summary="Call", contact_points=[contact])
    management.call_command("loaddata", str(fixture), verbosity=0)
    assert ContactPoint.objects.get(pk=contact.pk).last_interaction_on == DAY


def test_a_stale_copy_of_a_contact_point_does_not_put_its_old_date_back(world):
    contact = appoint(world["nigeria"])
    stale = ContactPoint.objects.get(pk=contact.pk)
    interaction_create(kind="call", date=DAY, summary="Call", contact_points=[contact])
    stale.phone = "+222 2222 2222"
    stale.save()
    saved = ContactPoint.objects.get(pk=contact.pk)
    assert (saved.phone, saved.last_interaction_on) == ("+222 2222 2222", DAY)


def test_the_demo_remover_keeps_an_officers_interaction_marked_demo_in_lower_case(world):
    real = interaction_create(
        kind="call", date=DAY, summary="[demo] of the portal", partners=[world["nigeria"]]
    )
    demo_data_create(countries=2, seed=3, today=TODAY)
    demo_data_remove()
    assert list(Interaction.objects.values_list("pk", flat=True)) == [real.pk]
    day = PartnerInteractionDay.objects.get(partner=world["nigeria"], date=DAY, demo=False)
    assert day.interactions == 1


def test_the_model_refuses_an_interaction_to_come(world):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    interaction = Interaction(kind="call", date=tomorrow, summary="Planned call")
    with pytest.raises(ValidationError) as refused:
        interaction.full_clean()
    assert refused.value.message_dict["date"] == [
        "An interaction is recorded once it has taken place."
    ]
