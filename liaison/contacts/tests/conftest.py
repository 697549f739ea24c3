"""A small world for the contact-point tests: countries with and without agreements, a
network, and the helpers to appoint contact points and record interactions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from conftest import make_persona
from liaison.contacts.choices import AppointingBodyKind
from liaison.contacts.models import ContactPoint
from liaison.contacts.services import contact_point_create
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.partners.models import Partner

TODAY = datetime.date(2026, 6, 15)


def web_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def carol(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "carol")


@pytest.fixture
def dave(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "dave")


def country(code: str, name: str) -> Partner:
    return Partner.objects.create(
        code=code, kind="country", name=name, competent_in_criminal_matters=True
    )


def instrument(partner: Partner, type: str, on: datetime.date = datetime.date(2010, 1, 1)) -> Any:
    made = InstrumentFactory(partner=partner, type=type, title=f"{type} with {partner.name}")
    add_event(made, "in_force", date=on)
    return made


def appoint(partner: Partner, name: str = "Demo Contact", **fields: Any) -> ContactPoint:
    defaults: dict[str, Any] = {
        "organisation": f"Ministry of Justice of {partner.name}",
        "appointing_body": f"Ministry of Justice of {partner.name}",
        "appointing_body_kind": AppointingBodyKind.COMPETENT_AUTHORITY,
        "appointed_on": datetime.date(2020, 1, 1),
        "email": f"{name.lower().replace(' ', '.')}@example.invalid",
        "phone": "+000 0000 0000",
        "languages": ["en"],
    }
    defaults.update(fields)
    return contact_point_create(partner=partner, name=name, **defaults)


@pytest.fixture
def world(db: Any) -> dict[str, Partner]:
    """Norway: cooperation agreement; Nigeria: working arrangement; Ghana: nothing but
    membership of WACAP; Kenya: nothing at all; Interpol."""
    norway = country("NO", "Norway")
    instrument(norway, "cooperation_agreement", datetime.date(2005, 4, 28))
    nigeria = country("NG", "Nigeria")
    instrument(nigeria, "working_arrangement", datetime.date(2023, 11, 9))
    ghana = country("GH", "Ghana")
    kenya = country("KE", "Kenya")
    wacap = Partner.objects.create(code="WACAP", kind="judicial_network", name="WACAP")
    wacap.members.add(nigeria, ghana)
    interpol = Partner.objects.create(
        code="INTERPOL", kind="international_organisation", name="Interpol"
    )
    return {
        "norway": norway,
        "nigeria": nigeria,
        "ghana": ghana,
        "kenya": kenya,
        "wacap": wacap,
        "interpol": interpol,
    }
