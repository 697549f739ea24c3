"""Changing an engagement on the web, with its participants, in one transaction."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from liaison.core.models import AccessLogEntry
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.engagements.tests.conftest import form_data

pytestmark = [pytest.mark.django_db]


def edit_url(engagement: Engagement) -> str:
    return reverse("engagements:engagement_update", kwargs={"key": engagement.key})


def test_it_shows_the_form_filled_in_with_the_participants(alice_client, study_visit):
    response = alice_client.get(edit_url(study_visit))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Study visit from Chile"' in page
    assert 'value="Demo Participant (fictitious)"' in page
    # The participants' names were shown: the read is in the access log.
    assert AccessLogEntry.objects.filter(object_id=str(study_visit.participants.get().pk)).exists()


def test_it_changes_the_engagement_and_keeps_its_address(alice_client, study_visit):
    response = alice_client.post(
        edit_url(study_visit), form_data(study_visit, title="Study visit (changed)")
    )
    assert response.status_code == 302
    assert response["Location"] == study_visit.get_absolute_url()
    study_visit.refresh_from_db()
    assert study_visit.title == "Study visit (changed)" and study_visit.key == "study-visit"
    assert study_visit.participants.count() == 1
    assert list(study_visit.partners.all()) == []  # the form sent no partner: none remain


def test_it_adds_changes_and_removes_participants(alice_client, study_visit, chile):
    old = study_visit.participants.get()
    data = form_data(study_visit)
    data["participants-0-DELETE"] = "on"
    data["participants-1-name"] = "Demo Newcomer"
    data["participants-1-partner"] = chile.pk
    response = alice_client.post(edit_url(study_visit), data)
    assert response.status_code == 302
    assert not EngagementParticipant.objects.filter(pk=old.pk).exists()
    newcomer = study_visit.participants.get()
    assert (newcomer.name, newcomer.partner) == ("Demo Newcomer", chile)
    data = form_data(study_visit)
    data["participants-0-role"] = "Head of delegation"
    alice_client.post(edit_url(study_visit), data)
    newcomer.refresh_from_db()
    assert newcomer.role == "Head of delegation"


def test_it_records_participant_changes_in_the_history(alice_client, study_visit):
    data = form_data(study_visit)
    data["participants-0-role"] = "Chief prosecutor"
    alice_client.post(edit_url(study_visit), data)
    participant = study_visit.participants.get()
    entry = LogEntry.objects.get_for_object(participant).order_by("-pk").first()
    assert entry.changes_dict["role"] == ["Prosecutor", "Chief prosecutor"]
    assert entry.actor.username == "alice"
    page = alice_client.get(study_visit.get_absolute_url()).content.decode()
    assert "Chief prosecutor" in page and 'id="history"' in page


def test_it_saves_nothing_when_a_participant_row_is_wrong(alice_client, study_visit):
    data = form_data(study_visit, title="Never saved")
    data["participants-1-role"] = "A role without a name"
    response = alice_client.post(edit_url(study_visit), data)
    assert response.status_code == 400
    study_visit.refresh_from_db()
    assert study_visit.title == "Study visit from Chile"
    assert study_visit.participants.count() == 1


def test_it_marks_the_wrong_field_of_a_participant_row(alice_client, study_visit):
    data = form_data(study_visit)
    data["participants-0-organisation"] = "x" * 201
    response = alice_client.post(edit_url(study_visit), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "at most 200 characters" in html


def test_a_participant_moved_away_meanwhile_is_kept_where_each_form_put_it(
    alice_client, study_visit
):
    data = form_data(study_visit, title="Changed meanwhile")
    moved = study_visit.participants.get()
    other = study_visit.__class__.objects.create(
        key="other", kind="conference", title="Other", start_date=study_visit.start_date
    )
    moved.engagement = other  # another officer moved them while this form was open
    moved.save()
    response = alice_client.post(edit_url(study_visit), data)
    assert response.status_code == 302
    # This form still lists the person: they are recorded here again, and stay on the other.
    assert list(study_visit.participants.values_list("name", flat=True)) == [moved.name]
    assert list(other.participants.all()) == [moved]


def test_it_saves_nothing_when_the_engagement_is_wrong(alice_client, study_visit):
    data = form_data(study_visit, end_date="2026-01-01", title="Never saved")
    data["participants-1-name"] = "Demo Never Added"
    response = alice_client.post(edit_url(study_visit), data)
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert "Change “Study visit from Chile”" in response.content.decode()
    assert study_visit.participants.count() == 1


def test_it_records_an_engagement_with_participants_at_once(alice_client, chile):
    data = form_data(partners=[chile.pk])
    data["participants-0-name"] = "Demo First Participant"
    data["participants-0-organisation"] = "Ministry of Justice"
    response = alice_client.post(reverse("engagements:engagement_create"), data)
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert [p.name for p in engagement.participants.all()] == ["Demo First Participant"]


def test_it_shows_change_and_delete_links_to_those_who_may(alice_client, study_visit):
    alice_page = alice_client.get(study_visit.get_absolute_url()).content.decode()
    assert edit_url(study_visit) in alice_page
    assert reverse("engagements:engagement_delete", kwargs={"key": "study-visit"}) in alice_page


def test_it_shows_no_change_or_delete_link_to_the_viewer(bob_client, study_visit):
    bob_page = bob_client.get(study_visit.get_absolute_url()).content.decode()
    assert edit_url(study_visit) not in bob_page and "/delete/" not in bob_page


def test_the_viewer_may_not_change_an_engagement(bob_client, study_visit):
    assert bob_client.get(edit_url(study_visit)).status_code == 403
    assert bob_client.post(edit_url(study_visit), form_data(study_visit)).status_code == 403


def test_the_viewer_never_sees_participants_nor_their_history(bob_client, study_visit):
    participant = study_visit.participants.get()
    participant.role = "Chief prosecutor"
    participant.save()
    page = bob_client.get(study_visit.get_absolute_url()).content.decode()
    assert "Demo Participant" not in page and "Chief prosecutor" not in page
    assert 'id="history"' in page


def test_the_form_offers_no_participants_to_who_may_not_edit_them(
    client, django_user_model, study_visit
):
    from django.contrib.auth.models import Permission

    # An account that may change engagements but holds no right over participants.
    editor = django_user_model.objects.create_user("ed")
    editor.user_permissions.add(
        Permission.objects.get(codename="change_engagement"),
        Permission.objects.get(codename="view_engagement"),
    )
    client.force_login(editor)
    page = client.get(edit_url(study_visit)).content.decode()
    assert "participants-TOTAL_FORMS" not in page and "Demo Participant" not in page
    response = client.post(edit_url(study_visit), form_data(title="Changed by ed"))
    assert response.status_code == 302
    assert study_visit.participants.count() == 1  # untouched
