"""A page offers a link exactly when the page behind it lets the person in: for every role,
the links of the navigation and of a few pages are compared with what following them
answers. Nothing here says which role may do what; the two answers must only agree."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import PERSONAS, make_persona
from liaison.instruments.testing.factories import InstrumentFactory, add_event

pytestmark = [pytest.mark.django_db]


def _links(html: str) -> set[str]:
    """The addresses a page links to, without their query strings."""
    return {href.split("?")[0] for href in re.findall(r'href="([^"#]*)', html)}


def _opens(client: Any, url: str) -> bool:
    response = client.get(url)
    assert response.status_code in (200, 302, 403), (url, response.status_code)
    return response.status_code == 200


def _doors_agree(client: Any, page: str, doors: list[str]) -> list[str]:
    """The doors for which the page's offer and the door's answer differ ([] if the page
    itself is closed to the person)."""
    response = client.get(page)
    if response.status_code != 200:
        return []
    links = _links(response.content.decode())
    return [door for door in doors if (door in links) != _opens(client, door)]


@pytest.fixture
def instrument() -> Any:
    made = InstrumentFactory(type="memorandum_of_understanding")
    add_event(made, "signed", date=datetime.date(2018, 5, 1))
    return made


@pytest.mark.parametrize("role", PERSONAS)
def test_the_navigation_offers_what_opens(role, client, django_user_model):
    client.force_login(make_persona(django_user_model, role))
    doors = [
        reverse("transfers:assessment_create"),
        reverse("contacts:contactpoint_list"),
        reverse("cases:case_list"),
        reverse("change_log_list"),
        reverse("access_log_list"),
        reverse("admin:index"),
    ]
    assert _doors_agree(client, reverse("partners:partner_list"), doors) == []


@pytest.mark.parametrize("role", PERSONAS)
def test_list_pages_offer_recording_only_to_those_who_may(role, client, django_user_model):
    client.force_login(make_persona(django_user_model, role))
    pages = {
        reverse("cases:case_list"): [reverse("cases:case_create")],
        reverse("engagements:engagement_list"): [reverse("engagements:engagement_create")],
        reverse("transfers:assessment_list"): [
            reverse("transfers:assessment_create"),
            reverse("transfers:self_assessed_transfers"),
        ],
    }
    for page, doors in pages.items():
        assert _doors_agree(client, page, doors) == [], page


@pytest.mark.parametrize("role", PERSONAS)
def test_an_instrument_offers_to_correct_a_date_only_to_those_who_may(
    role, client, django_user_model, instrument
):
    client.force_login(make_persona(django_user_model, role))
    event = instrument.events.get()
    door = reverse(
        "instruments:instrument_event_change", kwargs={"pk": instrument.pk, "event_id": event.pk}
    )
    page = reverse("instruments:instrument_detail", kwargs={"pk": instrument.pk})
    assert _doors_agree(client, page, [door]) == []


def test_the_links_are_there_for_someone(client, django_user_model, instrument):
    """The comparisons above would pass on pages that never show the links: the
    administrator, who may do all of it, is offered each one."""
    client.force_login(make_persona(django_user_model, "erin"))
    nav = _links(client.get(reverse("partners:partner_list")).content.decode())
    for name in ("transfers:assessment_create", "contacts:contactpoint_list", "cases:case_list"):
        assert reverse(name) in nav, name
    assert reverse("admin:index") in nav
    cases = _links(client.get(reverse("cases:case_list")).content.decode())
    assert reverse("cases:case_create") in cases
    engagements = _links(client.get(reverse("engagements:engagement_list")).content.decode())
    assert reverse("engagements:engagement_create") in engagements
