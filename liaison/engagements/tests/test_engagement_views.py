"""Listing engagements and recording one from the web, in one transaction."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.engagements.models import Engagement
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def test_a_cooperation_officer_records_an_engagement_with_its_partners(alice_client):
    chile = Partner.objects.create(code="CL", kind="country", name="Chile")
    response = alice_client.post(
        reverse("engagements:engagement_create"),
        {
            "kind": "technical_meeting",
            "title": "Technical meeting with Chile",
            "start_date": "2026-02-03",
            "online": "on",
            "partners": [chile.pk],
        },
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert list(engagement.partners.all()) == [chile]
    assert engagement.key.startswith("technical-meeting-with-chile-2026-02-03")
    page = alice_client.get(reverse("engagements:engagement_list")).content.decode()
    assert "Technical meeting with Chile" in page


def test_bad_input_is_explained_and_nothing_is_recorded(alice_client):
    response = alice_client.post(
        reverse("engagements:engagement_create"),
        {"kind": "conference", "title": "X", "start_date": "2026-02-03", "end_date": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not Engagement.objects.exists()


def test_a_viewer_reads_but_cannot_record(bob_client):
    assert bob_client.get(reverse("engagements:engagement_list")).status_code == 200
    assert bob_client.get(reverse("engagements:engagement_create")).status_code == 403


def demo_engagement_with_participant() -> Engagement:
    import datetime

    from liaison.engagements.models import EngagementParticipant

    engagement = Engagement.objects.create(
        key="sv", kind="study_visit", title="Study visit", start_date=datetime.date(2024, 6, 1)
    )
    EngagementParticipant.objects.create(
        engagement=engagement, name="Demo Participant (fictitious)", organisation="Ministry"
    )
    return engagement


def test_participants_are_shown_to_officers_and_logged(alice_client):
    from liaison.core.models import AccessLogEntry

    demo_engagement_with_participant()
    page = alice_client.get(reverse("engagements:engagement_detail", kwargs={"key": "sv"}))
    assert "Demo Participant (fictitious)" in page.content.decode()
    assert AccessLogEntry.objects.exists()


def test_participants_are_hidden_from_the_viewer(bob_client):
    demo_engagement_with_participant()
    page = bob_client.get(reverse("engagements:engagement_detail", kwargs={"key": "sv"}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Study visit" in text and "Demo Participant" not in text


def test_an_unknown_engagement_is_not_found(bob_client):
    response = bob_client.get(reverse("engagements:engagement_detail", kwargs={"key": "nope"}))
    assert response.status_code == 404
