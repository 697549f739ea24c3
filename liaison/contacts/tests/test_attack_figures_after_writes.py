"""Attack: the derived figures (`ContactPoint.last_interaction_on`, `PartnerInteractionDay`)
must equal what the interactions themselves say after every kind of write, whatever the
door. Each test writes, then compares the kept figures with a recount."""

from __future__ import annotations

import datetime

import pytest
from django.core import management, serializers
from django.db import transaction
from django.db.models import Max

from liaison.contacts.models import (
    DEMO_SUMMARY,
    ContactPoint,
    Interaction,
    PartnerInteractionDay,
)
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import appoint

pytestmark = [pytest.mark.django_db]

DAY = datetime.date(2026, 3, 2)
OTHER_DAY = datetime.date(2026, 3, 9)


def kept(partner, day, demo=False) -> int:
    row = PartnerInteractionDay.objects.filter(partner=partner, date=day, demo=demo).first()
    return row.interactions if row else 0


def counted(partner, day, demo=False) -> int:
    interactions = Interaction.objects.filter(partners=partner, date=day)
    if demo:
        return interactions.filter(summary__startswith=DEMO_SUMMARY).count()
    return interactions.exclude(summary__startswith=DEMO_SUMMARY).count()


def last_kept(contact_point) -> datetime.date | None:
    return ContactPoint.objects.get(pk=contact_point.pk).last_interaction_on


def last_counted(contact_point) -> datetime.date | None:
    return Interaction.objects.filter(contact_points=contact_point).aggregate(m=Max("date"))["m"]


def call(on=DAY, **links) -> Interaction:
    return interaction_create(kind="call", date=on, summary="Call", **links)


def test_rollback_of_a_recorded_interaction_leaves_the_figures_as_they_were(world):
    nigeria = world["nigeria"]
    contact = appoint(nigeria)
    call(contact_points=[contact])
    with pytest.raises(RuntimeError), transaction.atomic():
        call(on=OTHER_DAY, contact_points=[contact])
        raise RuntimeError("abandoned")
    assert kept(nigeria, OTHER_DAY) == 0
    assert last_kept(contact) == DAY


def test_a_bulk_delete_of_a_queryset_recounts_the_days(world):
    nigeria = world["nigeria"]
    contact = appoint(nigeria)
    call(contact_points=[contact])
    call(contact_points=[contact])
    call(on=OTHER_DAY, contact_points=[contact])
    Interaction.objects.filter(date=OTHER_DAY).delete()
    assert kept(nigeria, OTHER_DAY) == counted(nigeria, OTHER_DAY) == 0
    assert last_kept(contact) == last_counted(contact) == DAY


def test_moving_an_interaction_to_another_partner_and_date_in_one_save(world):
    nigeria, ghana = world["nigeria"], world["ghana"]
    interaction = call(partners=[nigeria])
    interaction.date = OTHER_DAY
    interaction.save()
    interaction.partners.set([ghana])
    for partner in (nigeria, ghana):
        for day in (DAY, OTHER_DAY):
            assert kept(partner, day) == counted(partner, day), (partner, day)


def test_links_changed_from_the_partner_side(world):
    nigeria, ghana = world["nigeria"], world["ghana"]
    first = call(partners=[nigeria])
    second = call(on=OTHER_DAY, partners=[nigeria])
    ghana.interactions.add(first, second)
    nigeria.interactions.remove(first)
    assert kept(nigeria, DAY) == counted(nigeria, DAY) == 0
    assert kept(ghana, DAY) == counted(ghana, DAY) == 1
    ghana.interactions.set([second])
    assert kept(ghana, DAY) == counted(ghana, DAY) == 0
    nigeria.interactions.clear()
    assert kept(nigeria, OTHER_DAY) == counted(nigeria, OTHER_DAY) == 0
    assert kept(ghana, OTHER_DAY) == counted(ghana, OTHER_DAY) == 1


def test_links_changed_from_the_contact_point_side(world):
    nigeria = world["nigeria"]
    contact, other = appoint(nigeria, "Demo One"), appoint(nigeria, "Demo Two")
    first = call(contact_points=[contact])
    later = call(on=OTHER_DAY, contact_points=[contact])
    other.interactions.add(later)
    assert last_kept(other) == OTHER_DAY
    contact.interactions.remove(later)
    assert last_kept(contact) == DAY
    other.interactions.clear()
    assert last_kept(other) is None
    contact.interactions.set([later])
    assert last_kept(contact) == OTHER_DAY
    first.contact_points.clear()
    assert last_kept(contact) == OTHER_DAY


def test_an_interaction_turned_into_a_demo_one_stops_counting(world):
    nigeria = world["nigeria"]
    interaction = call(partners=[nigeria])
    interaction.summary = DEMO_SUMMARY + "Call"
    interaction.save()
    assert kept(nigeria, DAY) == counted(nigeria, DAY) == 0
    assert kept(nigeria, DAY, demo=True) == 1


def test_a_deleted_partner_takes_its_days_along(world):
    kenya = world["kenya"]
    call(partners=[kenya])
    kenya.delete()
    assert not PartnerInteractionDay.objects.filter(partner_id=kenya.pk).exists()


def test_a_fixture_that_moves_an_interaction_to_another_date_recounts(world, tmp_path):
    """`loaddata` (the loader door) saves raw: the signal handlers skip raw saves, so an
    interaction a fixture moves to another day stays counted on the old one."""
    nigeria = world["nigeria"]
    contact = appoint(nigeria)
    interaction = call(contact_points=[contact])
    fixture = tmp_path / "moved.json"
    dumped = serializers.serialize("json", [interaction])
    fixture.write_text(dumped.replace(DAY.isoformat(), OTHER_DAY.isoformat()))
    management.call_command("loaddata", str(fixture), verbosity=0)
    assert Interaction.objects.get(pk=interaction.pk).date == OTHER_DAY
    assert kept(nigeria, DAY) == counted(nigeria, DAY) == 0
    assert kept(nigeria, OTHER_DAY) == counted(nigeria, OTHER_DAY) == 1
    assert last_kept(contact) == OTHER_DAY


def every_day_kept() -> dict[tuple[int, datetime.date, bool], int]:
    return {
        (row.partner_id, row.date, row.demo): row.interactions
        for row in PartnerInteractionDay.objects.all()
        if row.interactions
    }


def every_day_counted() -> dict[tuple[int, datetime.date, bool], int]:
    counts: dict[tuple[int, datetime.date, bool], int] = {}
    for interaction in Interaction.objects.prefetch_related("partners"):
        demo = interaction.summary.startswith(DEMO_SUMMARY)
        for partner in interaction.partners.all():
            key = (partner.pk, interaction.date, demo)
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_the_demo_loader_and_remover_keep_the_daily_counts(world):
    from liaison.contacts.demo import demo_data_create, demo_data_remove
    from liaison.contacts.tests.conftest import TODAY

    real = call(partners=[world["nigeria"]])
    demo_data_create(countries=4, seed=3, today=TODAY)
    assert every_day_kept() == every_day_counted()
    assert any(demo for (_p, _d, demo) in every_day_kept())
    demo_data_remove()
    assert every_day_kept() == every_day_counted() == {(world["nigeria"].pk, real.date, False): 1}


def test_only_the_exact_demo_marker_makes_an_interaction_a_demo_one(world):
    """The demo loader marks its interactions "[DEMO] ". An officer's "[demo] ..." (lower
    case) is a real interaction on PostgreSQL, but SQLite's LIKE ignores case, so on SQLite
    (the default database) it is counted as a demo one and left out of the figures."""
    nigeria = world["nigeria"]
    contact = appoint(nigeria)
    interaction_create(
        kind="call",
        date=DAY,
        summary="[demo] of the new portal to the ministry",
        contact_points=[contact],
    )
    assert kept(nigeria, DAY) == 1
    assert kept(nigeria, DAY, demo=True) == 0
