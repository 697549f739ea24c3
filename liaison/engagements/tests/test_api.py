from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from liaison.engagements.models import Engagement, Project
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def test_the_api_lists_engagements_with_partners_and_project(api_bob):
    project = Project.objects.create(key="emj", name="EuroMed Justice", funding_instrument="NDICI")
    engagement = Engagement.objects.create(
        key="tm",
        kind="technical_meeting",
        title="TM",
        start_date=datetime.date(2024, 1, 1),
        project=project,
    )
    engagement.partners.add(Partner.objects.create(code="MA", kind="country", name="Morocco"))
    body = api_bob.get(reverse("engagement-list")).json()
    assert body["results"][0]["partners"] == ["MA"]
    assert body["results"][0]["project"] == "emj"
    assert api_bob.get(reverse("project-detail", kwargs={"key": "emj"})).json()["name"] == (
        "EuroMed Justice"
    )


def test_the_api_does_not_change_projects(api_alice):
    response = api_alice.post(reverse("project-list"), {"key": "x"}, format="json")
    assert response.status_code == 405


def test_the_api_filters_engagements_by_partner_involved_or_co_organising(api_bob):
    morocco = Partner.objects.create(code="MA", kind="country", name="Morocco")
    tunisia = Partner.objects.create(code="TN", kind="country", name="Tunisia")
    for key, involved, co_organiser in (
        ("ma-involved", morocco, None),
        ("ma-co-organises", tunisia, morocco),
        ("ma-both", morocco, morocco),
        ("tn-only", tunisia, None),
    ):
        engagement = Engagement.objects.create(
            key=key, kind="technical_meeting", title=key, start_date=datetime.date(2024, 1, 1)
        )
        engagement.partners.add(involved)
        if co_organiser is not None:
            engagement.co_organisers.add(co_organiser)
    body = api_bob.get(reverse("engagement-list"), {"partner": "ma"}).json()
    assert sorted(row["key"] for row in body["results"]) == [
        "ma-both",
        "ma-co-organises",
        "ma-involved",
    ]
    assert body["count"] == 3
