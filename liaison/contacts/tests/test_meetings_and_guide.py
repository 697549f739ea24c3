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


GUIDES = {
    "en": ("Liaison's own text", "What a contact point is for", "How personal data is protected"),
    "fr": ("texte propre à Liaison", "À quoi sert un point de contact", "Comment joindre l'agence"),
    "pt": ("texto próprio do Liaison", "Para que serve um ponto de contacto", "Como contactar a"),
    "es": ("texto propio de Liaison", "Para qué sirve un punto de contacto", "Cómo contactar con"),
}


@pytest.mark.parametrize("language", GUIDES)
def test_the_guide_is_written_in_four_languages_and_says_it_is_not_official(bob, language):
    own_text, *headings = GUIDES[language]
    html = web_client(bob).get(f"/contacts/guide/{language}/").content.decode()
    assert f'<article class="guide" lang="{language}">' in html
    assert own_text in html
    for heading in headings:
        assert heading in html
    # What may be sent and how personal data is protected: the article of the law is cited.
    assert "2018/1727" in html and "2018/1725" in html
    assert "Placeholder text" not in html and "DRAFT" not in html


def test_an_unknown_guide_language_is_a_clear_404(bob):
    assert web_client(bob).get("/contacts/guide/de/").status_code == 404
