"""A history entry of a record that holds personal data is itself personal data: refused to
roles that may not see personal data, and every read of it, on any door, is in the access
log. Everywhere else the history names people's records by number, never by name."""

from __future__ import annotations

import datetime
import importlib
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.contacts.choices import AppointingBodyKind
from liaison.contacts.models import ContactPoint, LiaisonOfficer
from liaison.contacts.services import (
    contact_point_create,
    interaction_create,
    liaison_officer_create,
    meeting_create,
)
from liaison.core.models import AccessLogEntry
from liaison.core.testing.history import history_text
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

NAME, EMAIL, PHONE = "Ana Privatperson", "ana.privat@example.invalid", "+47 1111 2222"
NEW_PHONE = "+47 3333 4444"
OFFICER = "Lars Geheimnis"
PARTICIPANT = "Pia Verborgen"
SECRETS = (NAME, EMAIL, PHONE, NEW_PHONE, OFFICER, PARTICIPANT)


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    norway = Partner.objects.create(
        code="NO", kind="country", name="Norway", competent_in_criminal_matters=True
    )
    agreement = InstrumentFactory(partner=norway, type="cooperation_agreement")
    add_event(agreement, "in_force", date=datetime.date(2005, 4, 28))
    contact_point = contact_point_create(
        partner=norway,
        name=NAME,
        organisation="Riksadvokaten",
        appointing_body="Ministry of Justice of Norway",
        appointing_body_kind=AppointingBodyKind.COMPETENT_AUTHORITY,
        appointed_on=datetime.date(2020, 1, 1),
        email=EMAIL,
        phone=PHONE,
        languages=["en"],
    )
    contact_point.phone = NEW_PHONE
    contact_point.save()
    officer = liaison_officer_create(
        kind="liaison_prosecutor",
        partner=norway,
        name=OFFICER,
        started_on=datetime.date(2021, 1, 1),
        email="lars@example.invalid",
    )
    meeting = meeting_create(
        title="Contact-point meeting", date=datetime.date(2025, 6, 1), invitees=[contact_point]
    )
    interaction = interaction_create(
        kind="call",
        date=datetime.date(2025, 1, 1),
        summary="A call",
        contact_points=[contact_point],
    )
    engagement = Engagement.objects.create(
        key="study-visit",
        kind="study_visit",
        title="Study visit from Norway",
        start_date=datetime.date(2025, 3, 2),
    )
    participant = EngagementParticipant.objects.create(
        engagement=engagement, name=PARTICIPANT, organisation="Court", partner=norway
    )
    return {
        "partner": norway,
        "contact_point": contact_point,
        "officer": officer,
        "meeting": meeting,
        "interaction": interaction,
        "engagement": engagement,
        "participant": participant,
    }


def web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_key(user)}")
    return client


def logged(user: Any, obj: Any) -> int:
    """How many access-log rows say `user` read `obj`."""
    return AccessLogEntry.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
    ).count()


def nosy_viewer(django_user_model: Any) -> Any:
    """A viewer who was also given the change log: the same role without personal data."""
    user = make_persona(django_user_model, "bob")
    user.user_permissions.add(
        Permission.objects.get(codename="view_logentry", content_type__app_label="auditlog")
    )
    return django_user_model.objects.get(pk=user.pk)


def shows_no_secret(text: str) -> bool:
    return not any(secret in text for secret in SECRETS)


# --- the site-wide change log ------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "dave", "erin"])
def test_reading_the_change_log_page_logs_each_personal_record_shown(
    people, django_user_model, name
):
    user = make_persona(django_user_model, name)
    response = web(user).get("/changes/")
    assert response.status_code == 200
    assert NAME in response.content.decode() and NEW_PHONE in response.content.decode()
    for record in ("contact_point", "officer", "meeting", "interaction", "participant"):
        assert logged(user, people[record]) == 1, record
    # Records without personal data are not logged.
    assert logged(user, people["partner"]) == 0


@pytest.mark.parametrize("name", ["alice", "dave", "erin"])
def test_reading_the_change_log_api_logs_each_personal_record_shown(
    people, django_user_model, name
):
    user = make_persona(django_user_model, name)
    response = api(user).get("/api/changes/?page_size=500")
    assert response.status_code == 200
    for record in ("contact_point", "officer", "meeting", "interaction", "participant"):
        assert logged(user, people[record]) == 1, record


def test_one_change_through_the_api_is_logged_too(people, django_user_model):
    dave = make_persona(django_user_model, "dave")
    contact_point = people["contact_point"]
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactPoint), object_pk=contact_point.pk
    ).first()
    response = api(dave).get(f"/api/changes/{entry.pk}/")
    assert response.status_code == 200
    assert logged(dave, contact_point) == 1


def test_a_role_without_personal_data_is_refused_those_entries_everywhere(
    people, django_user_model
):
    viewer = nosy_viewer(django_user_model)
    page = web(viewer).get("/changes/")
    assert page.status_code == 200
    assert shows_no_secret(page.content.decode())
    listing = api(viewer).get("/api/changes/?page_size=500")
    assert listing.status_code == 200
    assert shows_no_secret(listing.content.decode())
    types = {row["object_type"] for row in listing.json()["results"]}
    assert "partners.partner" in types
    assert not types & {"contacts.contactpoint", "engagements.engagementparticipant"}
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactPoint)
    ).first()
    assert api(viewer).get(f"/api/changes/{entry.pk}/").status_code == 404
    assert not AccessLogEntry.objects.filter(user=viewer).exists()


# --- each record's own history -------------------------------------------------------------


def test_the_engagement_page_logs_the_participants_whose_changes_it_shows(
    people, django_user_model
):
    alice = make_persona(django_user_model, "alice")
    participant = people["participant"]
    gone = EngagementParticipant.objects.create(engagement=people["engagement"], name="Gone Soon")
    gone_pk = gone.pk
    gone.delete()
    response = web(alice).get("/engagements/study-visit/")
    assert response.status_code == 200
    assert logged(alice, participant) == 1
    # A participant since removed is still shown in the history: its reading is logged too.
    assert AccessLogEntry.objects.filter(
        user=alice, object_id=str(gone_pk), content_type__model="engagementparticipant"
    ).exists()


def test_the_engagement_page_shows_the_viewer_no_participant_entry(people, django_user_model):
    bob = make_persona(django_user_model, "bob")
    response = web(bob).get("/engagements/study-visit/")
    assert response.status_code == 200
    assert shows_no_secret(response.content.decode())


def test_the_api_history_of_a_personal_record_is_logged_once(people, django_user_model):
    carol = make_persona(django_user_model, "carol")
    contact_point = people["contact_point"]
    response = api(carol).get(f"/api/contact-points/{contact_point.pk}/history/")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
    assert logged(carol, contact_point) == 1


# --- pages that show contact points --------------------------------------------------------


def test_a_meeting_page_logs_the_contact_points_it_shows(people, django_user_model):
    alice = make_persona(django_user_model, "alice")
    meeting = people["meeting"]
    response = web(alice).get(f"/contacts/meetings/{meeting.pk}/")
    assert NAME in response.content.decode()
    assert logged(alice, meeting) == 1
    assert logged(alice, people["contact_point"]) == 1


def test_a_contact_point_page_logs_the_interactions_it_shows(people, django_user_model):
    alice = make_persona(django_user_model, "alice")
    contact_point = people["contact_point"]
    response = web(alice).get(f"/contacts/{contact_point.pk}/")
    assert response.status_code == 200
    assert logged(alice, contact_point) == 1
    assert logged(alice, people["interaction"]) == 1


# --- the administration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "path"),
    [
        ("contact_point", "contacts/contactpoint"),
        ("officer", "contacts/liaisonofficer"),
        ("interaction", "contacts/interaction"),
        ("meeting", "contacts/meeting"),
    ],
)
def test_the_admin_logs_every_personal_record_it_lists_or_opens(
    people, django_user_model, record, path
):
    erin = make_persona(django_user_model, "erin")
    client = web(erin)
    obj = people[record]
    assert client.get(f"/admin/{path}/").status_code == 200
    assert logged(erin, obj) == 1
    assert client.get(f"/admin/{path}/{obj.pk}/change/").status_code == 200
    assert logged(erin, obj) == 2
    assert client.get(f"/admin/{path}/{obj.pk}/history/").status_code == 200
    assert logged(erin, obj) == 3


def test_the_admin_logs_the_invitees_of_a_meeting_it_opens(people, django_user_model):
    erin = make_persona(django_user_model, "erin")
    meeting = people["meeting"]
    assert web(erin).get(f"/admin/contacts/meeting/{meeting.pk}/change/").status_code == 200
    invitation = meeting.invitations.get()
    assert logged(erin, invitation) == 1


def test_the_admin_logs_the_participants_of_an_engagement_it_opens(people, django_user_model):
    erin = make_persona(django_user_model, "erin")
    engagement = people["engagement"]
    response = web(erin).get(f"/admin/engagements/engagement/{engagement.pk}/change/")
    assert response.status_code == 200
    assert PARTICIPANT in response.content.decode()
    assert logged(erin, people["participant"]) == 1


def test_the_admin_change_history_logs_the_personal_records_it_shows(people, django_user_model):
    erin = make_persona(django_user_model, "erin")
    client = web(erin)
    found = client.get("/admin/auditlog/logentry/", {"q": NEW_PHONE})
    assert found.status_code == 200
    assert logged(erin, people["contact_point"]) == 1
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LiaisonOfficer)
    ).first()
    assert client.get(f"/admin/auditlog/logentry/{entry.pk}/change/").status_code == 200
    assert logged(erin, people["officer"]) == 1


# --- people are named by number in the history ---------------------------------------------


def test_no_entry_names_a_person_except_in_that_persons_own_fields(people):
    personal_models = {"contactpoint", "liaisonofficer", "engagementparticipant"}
    for entry in LogEntry.objects.select_related("content_type"):
        assert shows_no_secret(entry.object_repr), entry.object_repr
        if entry.content_type.model not in personal_models:
            assert shows_no_secret(history_text([entry])), entry.content_type.model


def test_a_liaison_officer_is_named_by_number_in_its_history(people):
    officer = people["officer"]
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(LiaisonOfficer), object_pk=officer.pk
    )
    assert entry.object_repr == f"liaison prosecutor #{officer.pk} (NO)"


def test_the_upgrade_names_by_number_the_officers_that_earlier_entries_named_by_name(people):
    from django.apps import apps

    migration = importlib.import_module(
        "liaison.contacts.migrations.0002_liaison_officers_named_by_number_in_history"
    )
    officer = people["officer"]
    content_type = ContentType.objects.get_for_model(LiaisonOfficer)
    earlier = LogEntry.objects.create(
        content_type=content_type,
        object_pk=str(officer.pk),
        object_id=officer.pk,
        object_repr=f"{OFFICER} (liaison prosecutor at the agency (Art. 54a), NO)",
        action=LogEntry.Action.UPDATE,
        changes={"phone": ["", "+47 5555 6666"]},
        serialized_data={"fields": {"kind": "liaison_prosecutor", "partner": officer.partner_id}},
    )
    migration.name_officers_by_number(apps, None)
    earlier.refresh_from_db()
    assert earlier.object_repr == f"liaison prosecutor #{officer.pk} (NO)"
    assert earlier.changes_dict == {"phone": ["", "+47 5555 6666"]}
