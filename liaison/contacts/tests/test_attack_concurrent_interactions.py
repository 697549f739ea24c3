"""Attack: two interactions recorded at once (two workers) for one partner and day, or for
one contact point. The kept figures are recounted from what each transaction sees: under
READ COMMITTED the second writer cannot see the first one's uncommitted interaction, waits on
its row, then writes its own count over it (a lost update). Checked on PostgreSQL, where two
gunicorn workers really write at once."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from liaison.contacts.models import ContactPoint, Interaction, PartnerInteractionDay
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import appoint

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two writers at once need PostgreSQL"
    ),
]

DAY = datetime.date(2026, 3, 2)


def _someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def two_writers(first_write, second_write) -> list[BaseException]:
    """`first_write` runs in a transaction that stays open until `second_write` (in another
    connection) is blocked on a lock, or has finished; then both commit."""
    errors: list[BaseException] = []
    first_done = threading.Event()
    second_done = threading.Event()
    release = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                first_write()
                first_done.set()
                release.wait(30)
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
            first_done.set()
        finally:
            connections.close_all()

    def second() -> None:
        first_done.wait(30)
        try:
            with transaction.atomic():
                second_write()
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
        finally:
            second_done.set()
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_done.wait(30)
    # Not a timing assertion: wait (boundedly) until the second writer is blocked behind the
    # first, or done, before the first commits.
    for _ in range(300):
        if second_done.is_set() or _someone_waits_on_a_lock():
            break
        time.sleep(0.05)
    release.set()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_interactions_at_once_for_one_partner_and_day_are_both_counted(world):
    nigeria = world["nigeria"]

    def record() -> None:
        interaction_create(kind="call", date=DAY, summary="Call", partners=[nigeria])

    errors = two_writers(record, record)
    assert errors == []
    assert Interaction.objects.filter(partners=nigeria, date=DAY).count() == 2
    kept = PartnerInteractionDay.objects.get(partner=nigeria, date=DAY, demo=False)
    assert kept.interactions == 2


def test_two_interactions_at_once_for_one_contact_point_keep_the_latest_date(world):
    contact = appoint(world["nigeria"])
    later, earlier = DAY, DAY - datetime.timedelta(days=20)

    def record_on(day):
        return lambda: interaction_create(
            kind="call", date=day, summary="Call", contact_points=[contact]
        )

    errors = two_writers(record_on(later), record_on(earlier))
    assert errors == []
    assert ContactPoint.objects.get(pk=contact.pk).last_interaction_on == later


def test_a_contact_point_edited_while_an_interaction_is_recorded_keeps_the_date(world):
    """`ContactPoint.save` re-reads `last_interaction_on` before writing the whole row (so
    that a stale copy does not put an old date back), but that read does not wait for the
    interaction being recorded: the edit then writes the old date over the new one."""
    contact = appoint(world["nigeria"])

    def record() -> None:
        interaction_create(kind="call", date=DAY, summary="Call", contact_points=[contact])

    def edit() -> None:
        copy = ContactPoint.objects.get(pk=contact.pk)
        copy.phone = "+111 1111 1111"
        copy.save()

    errors = two_writers(record, edit)
    assert errors == []
    saved = ContactPoint.objects.get(pk=contact.pk)
    assert saved.phone == "+111 1111 1111"
    assert saved.last_interaction_on == DAY


def test_two_edits_that_swap_the_partners_of_two_interactions_of_one_day_both_succeed(world):
    """What the administration does on an edit: save the interaction (its days are recounted,
    locking each (partner, day) row), then set its partners (the removed and added partners'
    days recounted, each in its own statement). Two officers swapping the partners of two
    interactions of the same day lock the same two rows in opposite orders: PostgreSQL
    aborts one with "deadlock detected", a 500 for that officer."""
    nigeria, ghana = world["nigeria"], world["ghana"]
    to_ghana = interaction_create(kind="call", date=DAY, summary="Call", partners=[nigeria])
    to_nigeria = interaction_create(kind="visit", date=DAY, summary="Visit", partners=[ghana])
    errors: list[BaseException] = []
    first_saved = threading.Event()
    second_saved = threading.Event()

    def edit(interaction, partner, saved, other_saved, wait_for_lock) -> None:
        try:
            with transaction.atomic():
                copy = Interaction.objects.get(pk=interaction.pk)
                copy.summary = f"{copy.summary}, edited"
                copy.save()
                saved.set()
                other_saved.wait(30)
                if wait_for_lock:
                    for _ in range(300):
                        if _someone_waits_on_a_lock():
                            break
                        time.sleep(0.05)
                copy.partners.set([partner])
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
        finally:
            saved.set()
            connections.close_all()

    threads = [
        threading.Thread(target=edit, args=(to_ghana, ghana, first_saved, second_saved, True)),
        threading.Thread(target=edit, args=(to_nigeria, nigeria, second_saved, first_saved, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [str(error) for error in errors] == []
    for partner in (nigeria, ghana):
        kept = PartnerInteractionDay.objects.get(partner=partner, date=DAY, demo=False)
        assert kept.interactions == 1


def test_two_officers_moving_one_interaction_leave_no_count_on_the_day_it_left(world):
    """The date before the edit is read without waiting for another edit of the same
    interaction: the second edit recounts the day it read (the original) and its own, never
    the day the first edit moved it to, which keeps a count for an interaction not there."""
    nigeria = world["nigeria"]
    interaction = interaction_create(kind="call", date=DAY, summary="Call", partners=[nigeria])
    first_day, second_day = DAY + datetime.timedelta(days=1), DAY + datetime.timedelta(days=2)

    def move_to(day):
        def move() -> None:
            copy = Interaction.objects.get(pk=interaction.pk)
            copy.date = day
            copy.save()

        return move

    errors = two_writers(move_to(first_day), move_to(second_day))
    assert errors == []
    assert Interaction.objects.get(pk=interaction.pk).date == second_day
    kept = {
        row.date: row.interactions
        for row in PartnerInteractionDay.objects.filter(partner=nigeria, demo=False)
        if row.interactions
    }
    assert kept == {second_day: 1}
