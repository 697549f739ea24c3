"""Contact-point meetings at the agency (invitees, languages, attendance) and the guide in
English, French, Portuguese and Spanish, with the language suggested per contact point."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.contacts.services import guide_language, meeting_attendance_record, meeting_create
from liaison.contacts.tests.conftest import appoint, web_client

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["fr", "en"], "fr"), (["ar", "pt"], "pt"), (["es"], "es"), (["ru"], "en"), ([], "en")],
)
def test_the_guide_language_is_the_first_the_guide_exists_in(world, languages, expected):
    assert guide_language(contact_point=appoint(world["norway"], languages=languages)) == expected


def test_a_meeting_needs_the_languages_of_its_invitees_and_records_attendance(world, carol):
    french = appoint(world["nigeria"], "Demo French", languages=["fr"])
    spanish = appoint(world["ghana"], "Demo Spanish", languages=["es", "en"])
    meeting = meeting_create(
        title="Demo meeting", date=datetime.date(2026, 9, 1), invitees=[french, spanish]
    )
    assert meeting.languages_needed == ["es", "fr"]
    meeting_attendance_record(meeting=meeting, attended=[french])
    assert {i.contact_point.name: i.attended for i in meeting.invitations.all()} == {
        "Demo French": True,
        "Demo Spanish": False,
    }
    page = web_client(carol).get(meeting.get_absolute_url()).content.decode()
    assert "Demo French" in page and "French" in page


def test_only_invitees_can_attend(world):
    invited = appoint(world["nigeria"], "Demo Invited")
    stranger = appoint(world["ghana"], "Demo Stranger")
    meeting = meeting_create(title="Demo", date=datetime.date(2026, 9, 1), invitees=[invited])
    with pytest.raises(ValidationError, match="Only invitees"):
        meeting_attendance_record(meeting=meeting, attended=[stranger])


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_the_guide_exists_in_four_languages_marked_as_a_draft(bob, language):
    response = web_client(bob).get(f"/contacts/guide/{language}/")
    assert response.status_code == 200
    assert "DRAFT" in response.content.decode()


def test_an_unknown_guide_language_is_a_clear_404(bob):
    assert web_client(bob).get("/contacts/guide/de/").status_code == 404
