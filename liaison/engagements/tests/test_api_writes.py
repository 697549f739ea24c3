"""Recording, changing and deleting engagements through the API, through the same services
as the web; bad input is a 400 that names the field."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from liaison.engagements.models import Engagement, EngagementParticipant, Project

pytestmark = [pytest.mark.django_db]

LIST = reverse("engagement-list")


def detail(key: str) -> str:
    return reverse("engagement-detail", kwargs={"key": key})


def test_it_records_an_engagement_with_partners_by_code(api_alice, chile):
    Project.objects.create(key="el-paccto", name="EL PAcCTO 2.0", funding_instrument="NDICI")
    response = api_alice.post(
        LIST,
        {
            "kind": "technical_meeting",
            "title": "Technical meeting with Chile",
            "start_date": "2026-02-03",
            "partners": ["CL"],
            "project": "el-paccto",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["key"] == "technical-meeting-with-chile-2026-02-03"
    assert (body["partners"], body["project"]) == (["CL"], "el-paccto")
    engagement = Engagement.objects.get()
    assert LogEntry.objects.get_for_object(engagement).get().actor.username == "alice"


def test_it_changes_only_what_a_patch_names(api_alice, study_visit):
    response = api_alice.patch(
        detail("study-visit"), {"outcomes": "Agreed a follow-up visit"}, format="json"
    )
    assert response.status_code == 200, response.json()
    study_visit.refresh_from_db()
    assert study_visit.outcomes == "Agreed a follow-up visit"
    assert [p.code for p in study_visit.partners.all()] == ["CL"]
    assert study_visit.key == "study-visit"


def test_it_replaces_a_relation_a_patch_names(api_alice, study_visit):
    response = api_alice.patch(detail("study-visit"), {"partners": []}, format="json")
    assert response.status_code == 200
    assert response.json()["partners"] == []


def test_it_deletes_an_engagement_with_its_participants(api_alice, study_visit):
    assert api_alice.delete(detail("study-visit")).status_code == 204
    assert not Engagement.objects.exists() and not EngagementParticipant.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"kind": "picnic"}, "kind", "not a valid choice"),
        ({"partners": ["ZZ"]}, "partners", "No partner has the code “ZZ”"),
        ({"key_actions": ["nope"]}, "key_actions", "No key action has the key “nope”"),
        ({"project": "nope"}, "project", "No project has the key “nope”"),
        ({"start_date": "soon"}, "start_date", "Date has wrong format"),
        ({"end_date": "2020-01-01"}, "end_date", "cannot end before it starts"),
    ],
)
def test_it_refuses_bad_input_field_by_field(api_alice, study_visit, body, field, words):
    response = api_alice.patch(detail("study-visit"), body, format="json")
    assert response.status_code == 400
    assert words in " ".join(response.json()[field])


def test_it_names_the_missing_fields_of_a_new_engagement(api_alice):
    response = api_alice.post(LIST, {}, format="json")
    assert response.status_code == 400
    assert {"kind", "title", "start_date"} <= set(response.json())
    assert not Engagement.objects.exists()


def test_the_viewer_may_read_but_not_write(api_bob, study_visit):
    assert api_bob.get(detail("study-visit")).status_code == 200
    assert api_bob.patch(detail("study-visit"), {"title": "x"}, format="json").status_code == 403
    assert api_bob.delete(detail("study-visit")).status_code == 403
    assert api_bob.post(LIST, {"title": "x"}, format="json").status_code == 403


def test_put_is_not_offered(api_alice, study_visit):
    assert api_alice.put(detail("study-visit"), {}, format="json").status_code == 405
