"""The calendar through the API: iCalendar for a token holder, JSON refusals otherwise, and
documented as text/calendar in the schema."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from liaison.engagements.models import Engagement

pytestmark = [pytest.mark.django_db]

URL = reverse("engagement-calendar")


@pytest.fixture
def upcoming(db):
    return Engagement.objects.create(
        key="soon",
        kind="conference",
        title="Conference soon",
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )


def test_it_answers_icalendar_to_a_token(api_bob, upcoming):
    response = api_bob.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "SUMMARY:Conference soon" in body


def test_it_answers_icalendar_whatever_the_client_accepts(api_bob, upcoming):
    response = api_bob.get(URL, HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_it_refuses_without_credentials_in_json(api_anonymous):
    response = api_anonymous.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_it_refuses_a_user_without_a_role_in_json(django_user_model):
    from rest_framework.test import APIClient

    from conftest import make_persona, token_key

    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, 'nora'))}"
    )
    response = api.get(URL)
    assert response.status_code == 403 and response["Content-Type"] == "application/json"


def test_the_schema_documents_text_calendar():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/engagements/calendar/"]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["text/calendar"]
    assert "application/json" in operation["responses"]["401"]["content"]
