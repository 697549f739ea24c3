"""GET /api/casework/figures/: the casework report as data, which the viewer may read; it
names no case, leaves demo cases out unless asked and refuses a malformed period with a 400."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.cases.models import Case
from liaison.cases.services import case_create
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]
URL = "/api/casework/figures/"


def client_for(django_user_model: Any, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(make_persona(django_user_model, persona))
    return client


@pytest.fixture
def caseload(db: Any) -> None:
    serbia = Partner.objects.create(code="RS", kind="country", name="Serbia")
    for number, demo in ((1, False), (2, False), (3, True)):
        case = case_create(
            data={
                "cms_reference": f"2023/SECRET-{number}",
                "title": f"Drug route case {number}",
                "crime_areas": ["drug_trafficking"],
                "member_states": ["SE"],
                "requesting_member_state": "SE",
                "opened_on": datetime.date(2023, 3, 1),
            },
            partners=[serbia],
        )
        if demo:
            Case.objects.filter(pk=case.pk).update(demo=True)


def test_the_viewer_reads_the_figures_of_a_year_and_no_case(django_user_model, caseload):
    response = client_for(django_user_model, "bob").get(URL, {"year": "2023"})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2023-01-01", "2023-12-31")
    assert body["cases"] == 2 and body["demo_present"] is True
    assert body["partners"][0]["code"] == "RS" and body["partners"][0]["cases"] == 2
    assert body["crime_areas"] == [{"crime_area": "drug_trafficking", "cases": 2}]
    text = response.content.decode()
    assert "SECRET" not in text and "Drug route" not in text


def test_demo_cases_count_only_when_asked(django_user_model, caseload):
    client = client_for(django_user_model, "bob")
    body = client.get(URL, {"year": "2023", "include_demo": "1"}).json()
    assert body["cases"] == 3 and body["include_demo"] is True


def test_a_malformed_year_is_a_400_naming_the_field(django_user_model, caseload):
    response = client_for(django_user_model, "bob").get(URL, {"year": "twenty"})
    assert response.status_code == 400
    assert "year" in response.json()


def test_the_figures_are_in_the_schema(django_user_model):
    schema = client_for(django_user_model, "bob").get(reverse("api-schema"), {"format": "json"})
    assert "/api/casework/figures/" in schema.json()["paths"]


def test_the_web_report_takes_include_demo_as_the_other_pages_do(django_user_model, caseload):
    from django.test import Client

    client = Client()
    client.force_login(make_persona(django_user_model, "bob"))
    rows = b"".join(
        client.get("/cases/report.csv", {"year": "2023", "include_demo": "1"}).streaming_content
    )
    assert b'"total","","2023-01-01 to 2023-12-31","3"' in rows
