"""`liaison demo-data`: fictitious, clearly marked, deterministic for a seed, of a chosen size."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from liaison.contacts.demo import (
    DEMO_PARTNER_NOTE,
    demo_data_create,
    demo_data_remove,
    demo_records_are_marked,
)
from liaison.contacts.models import ContactPoint, Interaction, LiaisonOfficer
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

DAY = datetime.date(2026, 6, 15)


def snapshot() -> list[tuple]:
    return [
        *ContactPoint.objects.order_by("email").values_list(
            "partner__code", "name", "email", "languages", "appointed_on", "status"
        ),
        *LiaisonOfficer.objects.order_by("email").values_list(
            "partner__code", "kind", "name", "started_on"
        ),
        *Interaction.objects.order_by("date", "summary", "kind").values_list(
            "kind", "date", "summary"
        ),
    ]


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(world):
    demo_data_create(countries=4, seed=7, today=DAY)
    first = snapshot()
    demo_data_remove()
    assert ContactPoint.objects.count() == 0
    demo_data_create(countries=4, seed=7, today=DAY)
    assert snapshot() == first
    demo_data_remove()
    demo_data_create(countries=4, seed=8, today=DAY)
    assert snapshot() != first


def test_every_record_is_marked_fictitious(world):
    demo_data_create(countries=4, seed=7, today=DAY)
    assert demo_records_are_marked()
    for contact in ContactPoint.objects.all():
        assert contact.name.startswith("Demo ") and contact.email.endswith("@example.invalid")
        assert "fictitious" in contact.organisation
    assert all(i.summary.startswith("[DEMO] ") for i in Interaction.objects.all())
    assert all(o.name.startswith("Demo ") for o in LiaisonOfficer.objects.all())


def test_the_size_can_be_chosen_and_missing_countries_are_added_marked(world):
    summary = demo_data_create(countries=6, seed=1, today=DAY)
    assert summary.countries == 6
    covered = set(
        ContactPoint.objects.active()
        .filter(partner__kind="country")
        .values_list("partner", flat=True)
    )
    assert len(covered) == 6
    # The world has 4 countries: 2 more were added, marked as demo, and go with --replace.
    assert Partner.objects.filter(description=DEMO_PARTNER_NOTE).count() == 2
    demo_data_remove()
    assert Partner.objects.filter(description=DEMO_PARTNER_NOTE).count() == 0


def test_liaison_officers_only_where_the_law_allows(world):
    demo_data_create(countries=4, seed=3, today=DAY)
    for officer in LiaisonOfficer.objects.all():
        if officer.kind == "liaison_prosecutor":
            assert officer.partner.code == "NO"
        else:
            assert officer.partner.code == "NG"


def test_the_command_refuses_to_add_twice_without_replace(world, capsys):
    call_command("demo_data", "--countries", "3", "--seed", "5")
    assert "fictitious" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_data", "--countries", "3")
    call_command("demo_data", "--countries", "3", "--replace")
    assert "Removed" in capsys.readouterr().out
    with pytest.raises(CommandError, match="between 1 and 240"):
        call_command("demo_data", "--countries", "0")
