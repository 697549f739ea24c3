"""The participants of an engagement through the API: personal data, so refused to the
viewer and written to the access log for the others, like contact details."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]

URL = reverse("engagement-participants", kwargs={"key": "study-visit"})


def test_it_lists_participants_and_logs_the_read(api_alice, study_visit):
    response = api_alice.get(URL)
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": study_visit.participants.get().pk,
            "name": "Demo Participant (fictitious)",
            "organisation": "Prosecutor's office",
            "role": "Prosecutor",
            "partner": "CL",
            "anonymised_on": None,
        }
    ]
    assert AccessLogEntry.objects.filter(user__username="alice").count() == 1


def test_it_refuses_the_viewer_and_logs_nothing(api_bob, study_visit):
    response = api_bob.get(URL)
    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_the_engagement_itself_names_no_participant(api_alice, study_visit):
    body = api_alice.get(reverse("engagement-detail", kwargs={"key": "study-visit"})).json()
    assert "participants" not in body and "Demo Participant" not in str(body)
