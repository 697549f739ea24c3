"""Each contact point keeps the date of its latest interaction (`last_interaction_on`), right
after every door that writes interactions or their links: the service (web form), the API,
the administration, the demo loader and remover, retention and the scale generator."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Max

from conftest import make_persona
from liaison.contacts.demo import demo_data_create, demo_data_remove
from liaison.contacts.models import DEMO_SUMMARY, ContactPoint, Interaction
from liaison.contacts.services import contact_points_anonymise, interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint, web_client

pytestmark = [pytest.mark.django_db]

EARLY = datetime.date(2025, 3, 1)
MIDDLE = datetime.date(2025, 9, 1)
LATE = datetime.date(2026, 2, 1)


def last(contact: ContactPoint) -> datetime.date | None:
    return ContactPoint.objects.get(pk=contact.pk).last_interaction_on


def record(day: datetime.date, *contacts: ContactPoint) -> Interaction:
    return interaction_create(kind="call", date=day, summary="Demo call", contact_points=contacts)


@pytest.fixture
def two(world):
    return appoint(world["norway"], "Demo One"), appoint(world["norway"], "Demo Two")


def test_a_contact_point_without_interactions_has_no_date(two):
    assert last(two[0]) is None


def test_the_service_sets_it_on_every_contact_point_of_the_interaction(two):
    record(MIDDLE, *two)
    assert last(two[0]) == last(two[1]) == MIDDLE
    record(EARLY, two[0])  # an older one changes nothing
    assert last(two[0]) == MIDDLE
    record(LATE, two[1])
    assert (last(two[0]), last(two[1])) == (MIDDLE, LATE)


def test_the_web_form_sets_it(two, alice):
    response = web_client(alice).post(
        "/contacts/interactions/new/",
        {"kind": "call", "date": MIDDLE.isoformat(), "contact_points": [two[0].pk]},
        follow=False,
    )
    # The summary is required: nothing recorded, nothing changed.
    assert response.status_code == 400 and last(two[0]) is None
    web_client(alice).post(
        "/contacts/interactions/new/",
        {
            "kind": "call",
            "date": MIDDLE.isoformat(),
            "contact_points": [two[0].pk],
            "summary": "Demo call",
        },
    )
    assert last(two[0]) == MIDDLE


def test_the_api_sets_it(two, api_alice):
    response = api_alice.post(
        "/api/interactions/",
        {
            "kind": "call",
            "date": LATE.isoformat(),
            "summary": "Demo call",
            "contact_points": [two[1].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (last(two[0]), last(two[1])) == (None, LATE)


@pytest.mark.parametrize(("moved_to", "expected"), [(EARLY, MIDDLE), (LATE, LATE)])
def test_moving_the_latest_interaction_in_time_moves_it(two, moved_to, expected):
    latest = record(datetime.date(2025, 12, 1), two[0])
    record(MIDDLE, two[0])
    latest.date = moved_to
    latest.save()
    assert last(two[0]) == expected


def test_deleting_the_latest_interaction_falls_back_to_the_previous(two):
    record(EARLY, two[0])
    record(MIDDLE, two[0])
    latest = record(LATE, *two)
    latest.delete()
    assert (last(two[0]), last(two[1])) == (MIDDLE, None)


def test_deleting_in_bulk_falls_back_too(two):
    record(EARLY, two[0])
    record(LATE, two[0])
    Interaction.objects.filter(date=LATE).delete()
    assert last(two[0]) == EARLY


def test_removing_a_contact_point_from_the_interaction_falls_back(two):
    record(EARLY, two[0])
    latest = record(LATE, *two)
    latest.contact_points.remove(two[0])
    assert (last(two[0]), last(two[1])) == (EARLY, LATE)
    latest.contact_points.clear()
    assert last(two[1]) is None
    # And from the contact point's side.
    two[1].interactions.add(latest)
    assert last(two[1]) == LATE
    two[1].interactions.remove(latest)
    assert last(two[1]) is None


def admin_form(interaction: Interaction, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": interaction.kind,
        "date": interaction.date.isoformat(),
        "summary": interaction.summary,
        "follow_ups": "",
        "contact_points": [cp.pk for cp in interaction.contact_points.all()],
        "partners": [p.pk for p in interaction.partners.all()],
        "recorded_by": "",
    }
    data.update(changes)
    return data


def test_the_administration_keeps_it_on_edit_and_delete(two, client, django_user_model):
    client.force_login(make_persona(django_user_model, "erin"))
    record(EARLY, two[0])
    latest = record(MIDDLE, *two)
    url = f"/admin/contacts/interaction/{latest.pk}/change/"
    # Moved later, and one contact point taken off it.
    response = client.post(url, admin_form(latest, date=LATE, contact_points=[two[1].pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (last(two[0]), last(two[1])) == (EARLY, LATE)
    response = client.post(f"/admin/contacts/interaction/{latest.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert (last(two[0]), last(two[1])) == (EARLY, None)


def test_retention_keeps_the_interactions_and_so_the_date(two):
    record(EARLY, two[0])
    ContactPoint.objects.filter(pk=two[0].pk).update(
        status="lapsed", ended_on=datetime.date(2020, 6, 1)
    )
    assert [cp.pk for cp in contact_points_anonymise(on=TODAY)] == [two[0].pk]
    assert last(two[0]) == EARLY


def test_the_demo_loader_and_remover_keep_it(world):
    """Demo interactions do not count, as in every figure: the demo contact points stay
    without a last interaction; a real one recorded with one of them counts."""
    demo_data_create(countries=4, seed=3, today=TODAY)
    assert not ContactPoint.objects.filter(last_interaction_on__isnull=False).exists()
    contacted = ContactPoint.objects.order_by("pk").first()
    assert contacted is not None
    record(EARLY, contacted)
    for contact in ContactPoint.objects.all():
        real = contact.interactions.exclude(summary__startswith=DEMO_SUMMARY)
        assert contact.last_interaction_on == real.aggregate(day=Max("date"))["day"]
    assert ContactPoint.objects.get(pk=contacted.pk).last_interaction_on == EARLY
    Interaction.objects.filter(contact_points=contacted, date=EARLY).delete()
    demo_data_remove()
    assert not ContactPoint.objects.exists()


def test_who_is_due_for_contact_is_ordered_as_before(world):
    """Silent in the window first, longest appointed first (whether heard from before the
    window or never); then the others, longest silent first, by appointment on a tie."""
    from liaison.contacts.models import months_before
    from liaison.contacts.selectors import due_for_contact

    start = months_before(TODAY, 12)

    def contact(name: str, appointed: str) -> ContactPoint:
        return appoint(world["norway"], name, appointed_on=datetime.date.fromisoformat(appointed))

    before_window = contact("Demo Before", "2019-05-01")
    record(start, before_window)  # the last day outside the window
    contact("Demo Never", "2018-01-01")
    contact("Demo Never Newer", "2021-01-01")
    recent = contact("Demo Recent", "2010-01-01")
    record(TODAY - datetime.timedelta(days=2), recent)
    tie_old = contact("Demo Tie Old", "2015-01-01")
    tie_new = contact("Demo Tie New", "2016-01-01")
    record(MIDDLE, tie_new, tie_old)
    first_day = contact("Demo First Day", "2022-01-01")
    record(start + datetime.timedelta(days=1), first_day)
    ended = contact("Demo Ended", "2000-01-01")
    ContactPoint.objects.filter(pk=ended.pk).update(status="lapsed", ended_on=EARLY)

    page = due_for_contact(on=TODAY, per_page=3)
    assert [c.name for c in page] == ["Demo Never", "Demo Before", "Demo Never Newer"]
    assert page.paginator.count == 7
    second = due_for_contact(on=TODAY, page=2, per_page=3)
    assert [c.name for c in second] == ["Demo First Day", "Demo Tie Old", "Demo Tie New"]
    assert [(c.last_interaction, c.recent_interactions) for c in second] == [
        (start + datetime.timedelta(days=1), 1),
        (MIDDLE, 1),
        (MIDDLE, 1),
    ]
    last_page = due_for_contact(on=TODAY, page=3, per_page=3)
    assert [(c.name, c.activity) for c in last_page] == [("Demo Recent", "sporadic")]
    assert [(c.name, c.last_interaction) for c in page][1] == ("Demo Before", start)


def test_saving_a_copy_read_before_the_interaction_keeps_the_date(two):
    from auditlog.models import LogEntry

    from liaison.contacts.services import contact_point_end

    stale = ContactPoint.objects.get(pk=two[0].pk)
    record(MIDDLE, two[0])
    contact_point_end(contact_point=stale, status="lapsed", on=TODAY)
    assert last(two[0]) == MIDDLE
    entry = LogEntry.objects.get_for_object(two[0]).order_by("-pk").first()
    assert "last_interaction_on" not in (entry.changes_dict or {})


# The per-partner daily counts the contact activity page sums.


def days() -> set[tuple[str, datetime.date, bool, int]]:
    from liaison.contacts.models import PartnerInteractionDay

    return {
        (row.partner.code, row.date, row.demo, row.interactions)
        for row in PartnerInteractionDay.objects.select_related("partner").filter(
            interactions__gt=0
        )
    }


def partner_figures() -> dict[str, tuple[int, datetime.date | None]]:
    from liaison.contacts.selectors import partner_activity

    return {p.code: (p.recent_interactions, p.last_interaction) for p in partner_activity(on=TODAY)}


def test_the_daily_counts_follow_creation_edit_and_deletion(two, world):
    first = record(MIDDLE, *two)  # Norway, through its contact points
    interaction_create(kind="call", date=MIDDLE, summary="Call", partners=[world["norway"]])
    interaction_create(
        kind="call", date=LATE, summary="Visit", partners=[world["norway"], world["wacap"]]
    )
    assert days() == {("NO", MIDDLE, False, 2), ("NO", LATE, False, 1), ("WACAP", LATE, False, 1)}
    assert partner_figures()["NO"] == (3, LATE)
    first.date = EARLY  # before the window
    first.save()
    assert days() == {
        ("NO", EARLY, False, 1),
        ("NO", MIDDLE, False, 1),
        ("NO", LATE, False, 1),
        ("WACAP", LATE, False, 1),
    }
    assert partner_figures()["NO"] == (2, LATE)
    Interaction.objects.filter(date=LATE).delete()
    assert days() == {("NO", EARLY, False, 1), ("NO", MIDDLE, False, 1)}
    assert partner_figures()["NO"] == (1, MIDDLE)


def test_the_daily_counts_follow_the_partners_of_an_interaction(two, world):
    visit = interaction_create(
        kind="call", date=LATE, summary="Visit", partners=[world["norway"], world["ghana"]]
    )
    visit.partners.remove(world["norway"])
    assert days() == {("GH", LATE, False, 1)}
    world["norway"].interactions.add(visit)
    assert days() == {("GH", LATE, False, 1), ("NO", LATE, False, 1)}
    visit.partners.clear()
    assert days() == set()
    world["ghana"].interactions.add(visit)
    world["ghana"].interactions.clear()
    assert days() == set()


def test_demo_interactions_are_counted_apart(two, world):
    from liaison.contacts.selectors import partner_activity

    interaction_create(kind="call", date=LATE, summary="[DEMO] Call", contact_points=[two[0]])
    interaction_create(kind="call", date=LATE, summary="Call", contact_points=[two[0]])
    assert days() == {("NO", LATE, True, 1), ("NO", LATE, False, 1)}
    assert partner_figures()["NO"] == (1, LATE)
    with_demo = {
        p.code: p.recent_interactions for p in partner_activity(on=TODAY, include_demo=True)
    }
    assert with_demo["NO"] == 2


def test_the_administration_keeps_the_daily_counts(two, world, client, django_user_model):
    client.force_login(make_persona(django_user_model, "erin"))
    visit = record(MIDDLE, two[0])
    url = f"/admin/contacts/interaction/{visit.pk}/change/"
    data = admin_form(visit, date=LATE, partners=[world["ghana"].pk])
    assert client.post(url, data).status_code == 302
    assert days() == {("GH", LATE, False, 1)}
    client.post(f"/admin/contacts/interaction/{visit.pk}/delete/", {"post": "yes"})
    assert days() == set()
