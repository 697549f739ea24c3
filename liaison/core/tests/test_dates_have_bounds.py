"""Every date a person types lies between 1900-01-01 and 2100-12-31 (issue 12, item 4): a
date outside gets a 400 or a form error naming the field, at every door, and a date
parameter of a list or filter gets the same answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from liaison.core.dates import date_within_bounds
from liaison.engagements.tests.conftest import form_data
from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, SourceFactory

pytestmark = [pytest.mark.django_db]

OUT_OF_RANGE = ["9999-12-31", "2101-01-01", "1899-12-31", "0001-01-01"]


def test_every_date_field_a_person_can_fill_in_carries_the_bounds() -> None:
    """A new date field on any Liaison model gets the rule too, or this test says where."""
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("liaison.")
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField)
        and not isinstance(field, models.DateTimeField)
        and field.editable
        and date_within_bounds not in field.validators
    ]
    assert missing == []


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("field", ["start_date", "end_date"])
def test_the_api_refuses_an_engagement_date_out_of_range(
    api_alice: Any, field: str, value: str
) -> None:
    data = {
        "kind": "technical_meeting",
        "title": "Far away",
        "start_date": "2026-03-02",
        field: value,
    }
    response = api_alice.post("/api/engagements/", data, format="json")
    assert response.status_code == 400
    assert "between 1900-01-01 and 2100-12-31" in str(response.json()[field])


@pytest.mark.parametrize("value", ["9999-12-31", "1899-12-31"])
def test_the_engagement_form_refuses_a_date_out_of_range(alice_client: Any, value: str) -> None:
    response = alice_client.post("/engagements/new/", form_data(start_date=value))
    assert response.status_code == 400  # the form again, with what to correct
    assert "between 1900-01-01 and 2100-12-31" in str(response.context["form"].errors["start_date"])


def test_the_api_refuses_an_instrument_event_date_out_of_range(api_alice: Any) -> None:
    instrument = InstrumentFactory.create()
    source = SourceFactory.create()
    response = api_alice.post(
        f"/api/instruments/{instrument.pk}/events/",
        {"kind": "identified", "date": "9999-12-31", "source": source.key},
        format="json",
    )
    assert response.status_code == 400
    assert "date" in response.json()


def test_the_api_refuses_a_source_date_out_of_range(api_alice: Any) -> None:
    response = api_alice.post(
        "/api/sources/",
        {
            "key": "far",
            "title": "Far",
            "issuer": "Us",
            "document_type": "report",
            "date": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "date" in response.json()


def test_the_api_refuses_an_assessment_as_of_out_of_range(api_alice: Any) -> None:
    partner = PartnerFactory.create()
    response = api_alice.post(
        "/api/transfer-assessments/",
        {"partner": partner.code, "data_category": "non_personal", "as_of": "9999-12-31"},
        format="json",
    )
    assert response.status_code == 400
    assert "as_of" in response.json()


def test_the_api_refuses_a_contact_point_appointed_out_of_range(api_alice: Any) -> None:
    partner = PartnerFactory.create()
    response = api_alice.post(
        "/api/contact-points/",
        {
            "partner": partner.code,
            "name": "Someone (fictitious)",
            "organisation": "Office",
            "appointing_body": "Ministry",
            "appointed_on": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "appointed_on" in response.json()


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/partners/?as_of=9999-12-31", "as_of"),
        ("/api/instruments/?as_of=0001-01-01", "as_of"),
        ("/api/changes/?since=0001-01-01", "since"),
        ("/api/changes/?until=9999-12-31", "until"),
    ],
)
def test_a_date_parameter_out_of_range_gets_a_400_naming_it(
    api_alice: Any, url: str, parameter: str
) -> None:
    response = api_alice.get(url)
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize(
    "url", ["/partners/?as_of=9999-12-31", "/engagements/?date_from=0001-01-01&date_to=9999-12-31"]
)
def test_a_page_explains_a_date_parameter_out_of_range(alice_client: Any, url: str) -> None:
    response = alice_client.get(url)
    assert response.status_code == 200
    assert "between 1900-01-01 and 2100-12-31" in response.content.decode()
