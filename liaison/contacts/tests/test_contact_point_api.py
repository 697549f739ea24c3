"""Through the API a cooperation officer appoints, ends and replaces contact points, and
plans meetings and records attendance; the history of appointments is kept."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from liaison.contacts.models import ContactPoint, Meeting
from liaison.contacts.tests.conftest import appoint, web_client

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def api(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


def test_it_appoints_a_contact_point(world, api):
    response = api.post(
        "/api/contact-points/",
        {
            "partner": "ng",
            "name": "Demo Contact",
            "organisation": "Demo ministry",
            "appointing_body": "Demo ministry",
            "appointing_body_kind": "competent_authority",
            "appointed_on": "2024-01-01",
            "languages": ["en", "fr"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["partner"] == "NG" and response.json()["status"] == "active"


def test_bad_input_is_a_400_naming_the_field(world, api):
    response = api.post(
        "/api/contact-points/",
        {"partner": "ZZ", "name": "x", "languages": ["English"]},
        format="json",
    )
    assert response.status_code == 400
    assert {"partner", "languages", "organisation"} <= set(response.json())
    assert ContactPoint.objects.count() == 0


def test_a_successor_replaces_its_predecessor_and_both_stay(world, api):
    first = appoint(world["nigeria"], "Demo First")
    response = api.post(
        f"/api/contact-points/{first.pk}/replace/",
        {"appointed_on": "2025-02-01", "name": "Demo Second", "languages": ["fr"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    second = response.json()
    assert second["predecessor"] == first.pk and second["status"] == "active"
    old = api.get(f"/api/contact-points/{first.pk}/").json()
    assert (old["status"], old["ended_on"], old["successor"]) == (
        "lapsed",
        "2025-02-01",
        second["id"],
    )


def test_ending_twice_is_refused_with_the_reason(world, api):
    contact = appoint(world["nigeria"])
    url = f"/api/contact-points/{contact.pk}/end/"
    assert (
        api.post(url, {"status": "withdrawn", "on": "2025-01-01"}, format="json").status_code == 200
    )
    again = api.post(url, {"status": "lapsed", "on": "2025-02-01"}, format="json")
    assert again.status_code == 400 and "already ended" in str(again.json())


def test_a_meeting_is_planned_and_attendance_recorded(world, api):
    french = appoint(world["nigeria"], "Demo French", languages=["fr"])
    other = appoint(world["ghana"], "Demo Other", languages=["pt"])
    created = api.post(
        "/api/contact-point-meetings/",
        {"title": "Demo meeting", "date": "2026-10-01", "invitees": [french.pk, other.pk]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["languages_needed"] == ["fr", "pt"]
    meeting = Meeting.objects.get()
    answer = api.post(
        f"/api/contact-point-meetings/{meeting.pk}/attendance/",
        {"attended": [french.pk]},
        format="json",
    )
    assert answer.status_code == 200
    assert {i["contact_point"]: i["attended"] for i in answer.json()["invitations"]} == {
        french.pk: True,
        other.pk: False,
    }


def test_a_case_officer_reads_but_does_not_change(world, carol):
    contact = appoint(world["nigeria"])
    api = APIClient()
    api.force_authenticate(carol)
    assert api.get(f"/api/contact-points/{contact.pk}/").status_code == 200
    end = api.post(
        f"/api/contact-points/{contact.pk}/end/", {"status": "lapsed", "on": "2025-01-01"}
    )
    assert end.status_code == 403


def test_the_list_is_filtered_by_partner_code(world, api):
    appoint(world["norway"], name="Demo Norway contact")
    appoint(world["nigeria"], name="Demo Nigeria contact")
    body = api.get("/api/contact-points/", {"partner": "no"}).json()
    assert [row["name"] for row in body["results"]] == ["Demo Norway contact"]
    assert body["count"] == 1


def test_a_partners_contact_points_come_newest_appointment_first(world, api, alice):
    for name, day in [
        ("Demo Old", "2015-03-01"),
        ("Demo New", "2024-03-01"),
        ("Demo Mid", "2020-03-01"),
    ]:
        appoint(world["norway"], name=name, appointed_on=datetime.date.fromisoformat(day))
    appoint(world["nigeria"], name="Demo Elsewhere")
    body = api.get("/api/contact-points/", {"partner": " no "}).json()
    assert [row["name"] for row in body["results"]] == ["Demo New", "Demo Mid", "Demo Old"]
    page = web_client(alice).get("/contacts/", {"partner": "NO"})
    names = [cp.name for cp in page.context["page_obj"].object_list]
    assert names == ["Demo New", "Demo Mid", "Demo Old"]
