"""Deleting an engagement on the web: asked first, then done in one transaction."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from liaison.engagements.models import Engagement, EngagementParticipant

pytestmark = [pytest.mark.django_db]


def delete_url(engagement: Engagement) -> str:
    return reverse("engagements:engagement_delete", kwargs={"key": engagement.key})


def test_it_asks_first_and_says_what_goes(alice_client, study_visit):
    response = alice_client.get(delete_url(study_visit))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Study visit from Chile" in page and "1 participant recorded" in page
    assert Engagement.objects.filter(pk=study_visit.pk).exists()


def test_it_deletes_the_engagement_with_its_participants(alice_client, study_visit):
    participant = study_visit.participants.get()
    response = alice_client.post(delete_url(study_visit))
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:engagement_list")
    assert not Engagement.objects.exists() and not EngagementParticipant.objects.exists()
    # Both deletions are in the change history.
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE).count() == 2
    assert LogEntry.objects.filter(
        action=LogEntry.Action.DELETE, object_pk=str(participant.pk)
    ).exists()


def test_the_viewer_and_the_case_officer_may_not_delete(bob_client, study_visit):
    assert bob_client.get(delete_url(study_visit)).status_code == 403
    assert bob_client.post(delete_url(study_visit)).status_code == 403
    assert Engagement.objects.exists()


def test_an_unknown_engagement_is_not_found(alice_client):
    assert alice_client.get("/engagements/no-such-thing/delete/").status_code == 404
