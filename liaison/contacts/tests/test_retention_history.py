"""When a contact point is anonymised, its name, e-mail and telephone leave the change
history too: its own entries, and what records pointing at it recorded of it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from conftest import make_persona
from liaison.contacts.models import ANONYMISED_NAME, ContactPoint, MeetingInvitation
from liaison.contacts.services import (
    contact_point_replace,
    contact_points_anonymise,
    interaction_create,
    meeting_create,
)
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.core.testing.history import history_text

pytestmark = [pytest.mark.django_db]

UPDATE = LogEntry.Action.UPDATE
NAME, EMAIL, PHONE = "Demo Contact Gone", "gone.person@example.invalid", "+111 2222 3333"
SECRETS = (NAME, EMAIL, PHONE)


def entries_for(obj: Any) -> Any:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).order_by("pk")


@pytest.fixture
def lapsed(world, settings):
    """A contact point replaced in 2020, edited once, invited to a meeting, with entries in
    the form the history had before contact points were shown without their names."""
    settings.CONTACT_RETENTION_DAYS = 730
    gone = appoint(
        world["norway"], NAME, email=EMAIL, phone=PHONE, appointed_on=datetime.date(2015, 1, 1)
    )
    gone.role = "Head of unit"
    gone.save()
    interaction_create(
        kind="call", date=datetime.date(2019, 5, 1), summary="Demo call", contact_points=[gone]
    )
    meeting = meeting_create(title="Demo meeting", date=datetime.date(2019, 6, 1), invitees=[gone])
    successor = contact_point_replace(
        predecessor=gone, appointed_on=datetime.date(2020, 1, 1), name="Demo Contact Stays"
    )
    old_repr = f"{NAME} (NO)"
    LogEntry.objects.log_create(
        gone,
        action=UPDATE,
        changes={"phone": ["", PHONE]},
        changes_text=json.dumps({"name": ["Demo Contact", NAME]}),
        object_repr=old_repr,
    )
    LogEntry.objects.log_create(
        successor,
        action=UPDATE,
        changes={"predecessor": ["None", old_repr]},
        object_repr="Demo Contact Stays (NO)",
    )
    invitation = MeetingInvitation.objects.get(meeting=meeting, contact_point=gone)
    LogEntry.objects.log_create(
        invitation,
        action=LogEntry.Action.CREATE,
        changes={"contact_point": ["None", old_repr], "attended": ["None", "True"]},
        object_repr=f"{old_repr} → {meeting}",
    )
    gone.refresh_from_db()
    return gone, successor


def test_it_leaves_no_name_email_or_phone_in_any_history_entry(lapsed):
    gone, successor = lapsed
    assert all(secret in history_text(entries_for(gone)) for secret in SECRETS)

    assert contact_points_anonymise(on=datetime.date(2022, 6, 1)) == [gone]

    everything = history_text(LogEntry.objects.all())
    for secret in SECRETS:
        assert secret not in everything, secret
    # The successor keeps its own name; the kinds of change, the actors and times stay.
    assert "Demo Contact Stays" in history_text(entries_for(successor))
    gone.refresh_from_db()
    assert {entry.object_repr for entry in entries_for(gone)} == {str(gone)}


def test_the_anonymisation_entry_says_what_happened_without_the_old_values(lapsed):
    gone, _successor = lapsed
    before = entries_for(gone).count()
    contact_points_anonymise(on=datetime.date(2022, 6, 1))
    entries = list(entries_for(gone))
    assert len(entries) == before + 1  # the anonymisation, and nothing for the redaction
    last = entries[-1]
    assert last.action == UPDATE
    assert last.changes["name"] == ["[removed]", ANONYMISED_NAME]
    assert last.changes["email"] == ["[removed]", ""]
    assert last.changes["phone"] == ["[removed]", ""]
    created = entries[0]
    assert created.changes["name"] == ["None", "[removed]"]
    assert created.serialized_data["fields"]["name"] == "[removed]"
    assert created.serialized_data["fields"]["organisation"] == gone.organisation


def test_the_history_pages_do_not_show_the_old_values(lapsed, django_user_model):
    gone, _successor = lapsed
    contact_points_anonymise(on=datetime.date(2022, 6, 1))
    client = web_client(make_persona(django_user_model, "erin"))
    for url in (
        "/changes/",
        f"/changes/?object_type=contacts.contactpoint&object_id={gone.pk}",
        gone.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for secret in SECRETS:
            assert secret not in page, (url, secret)
    listed = client.get(f"/changes/?object_type=contacts.contactpoint&object_id={gone.pk}")
    assert "[removed]" in listed.content.decode()


def test_a_dry_run_changes_nothing_in_the_history_either(lapsed, settings, capsys):
    settings.CONTACT_RETENTION_DAYS = 1
    columns = ("pk", "changes", "changes_text", "serialized_data", "object_repr")
    before = list(LogEntry.objects.order_by("pk").values_list(*columns))
    call_command("contacts_retention", "--dry-run")
    assert "would be anonymised" in capsys.readouterr().out
    assert list(LogEntry.objects.order_by("pk").values_list(*columns)) == before
    assert NAME in history_text(LogEntry.objects.all())


def test_a_contact_point_is_shown_without_its_name(lapsed):
    gone, _successor = lapsed
    assert NAME not in str(gone) and str(gone) == f"contact point #{gone.pk} (NO)"
    assert ContactPoint(partner=gone.partner, name=NAME).__str__() == "contact point (new) (NO)"


def test_the_interaction_form_still_offers_contact_points_by_name(world, alice):
    appoint(world["norway"], "Demo Contact Listed")
    page = web_client(alice).get("/contacts/interactions/new/")
    assert page.status_code == 200
    assert "Norway: Demo Contact Listed" in page.content.decode()


def test_it_redacts_on_request_the_history_of_those_anonymised_earlier(lapsed, capsys):
    gone, _successor = lapsed
    # Anonymised as before this change: the record, not its history.
    gone.name, gone.email, gone.phone = ANONYMISED_NAME, "", ""
    gone.anonymised_on = datetime.date(2022, 6, 1)
    gone.save()

    call_command("contacts_retention", "--redact-earlier", "--dry-run")
    assert "would be redacted" in capsys.readouterr().out
    assert NAME in history_text(LogEntry.objects.all())

    call_command("contacts_retention", "--redact-earlier")
    everything = history_text(LogEntry.objects.all())
    for secret in SECRETS:
        assert secret not in everything, secret
