"""A cooperation officer records an interaction on the web; bad input records nothing."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.models import Interaction
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]


def test_it_records_an_interaction_with_its_contact_points_and_partners(world, alice):
    contact = appoint(world["nigeria"], "Demo Contact NG")
    client = web_client(alice)
    form = client.get("/contacts/interactions/new/", {"contact_point": contact.pk})
    assert "Demo Contact NG" in form.content.decode()
    assert AccessLogEntry.objects.filter(object_id=str(contact.pk)).exists()
    response = client.post(
        "/contacts/interactions/new/",
        {
            "kind": "bilateral_meeting",
            "date": "2026-03-02",
            "contact_points": [contact.pk],
            "partners": "wacap",
            "summary": "Demo meeting on a case",
            "follow_ups": "Send the guide in French",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/contacts/activity/"
    interaction = Interaction.objects.get()
    assert interaction.date == datetime.date(2026, 3, 2)
    assert interaction.recorded_by == alice
    assert {p.code for p in interaction.partners.all()} == {"NG", "WACAP"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("partners", "ZZ", "No partner has the code ZZ"),
        ("date", "2099-01-01", "once it has taken place"),
        ("date", "2999-01-01", "between 1900-01-01 and 2100-12-31"),
        ("date", "yesterday", "Enter a valid date"),
        ("kind", "telepathy", "Select a valid choice"),
        ("contact_points", "-99999999999999999999", "is not a valid value"),
        ("contact_points", "abc", "is not a valid value"),
    ],
)
def test_bad_input_is_said_and_records_nothing(world, alice, field, value, message):
    data = {"kind": "call", "date": "2026-03-02", "partners": "NG", "summary": "Demo"}
    data[field] = value
    response = web_client(alice).post("/contacts/interactions/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Interaction.objects.count() == 0


def test_a_case_officer_may_not_record_one(world, carol):
    assert web_client(carol).get("/contacts/interactions/new/").status_code == 403
