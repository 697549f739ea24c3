"""Links from a partner's page carry the partner (`?partner=NG`): the form opens with it
chosen, as the "May we send data to Nigeria?" link promises."""

from __future__ import annotations

import re

import pytest

from conftest import make_persona
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def nigeria():
    return Partner.objects.create(code="NG", kind="country", name="Nigeria")


def selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def test_the_partner_page_offers_forms_for_that_partner(alice_client, nigeria):
    page = alice_client.get("/partners/NG/").content.decode()
    assert 'href="/transfer-assessments/new/?partner=NG"' in page
    assert 'href="/engagements/new/?partner=NG"' in page
    assert 'href="/contacts/interactions/new/?partner=NG"' in page


def test_a_case_officer_records_a_case_involving_the_partner(django_user_model, nigeria):
    from django.test import Client

    client = Client()
    client.force_login(make_persona(django_user_model, "carol"))
    assert 'href="/cases/new/?partner=NG"' in client.get("/partners/NG/").content.decode()
    page = client.get("/cases/new/", {"partner": "NG"}).content.decode()
    assert selected(page, "partners") == ["NG"]


def test_may_we_send_data_to_nigeria_opens_with_nigeria_chosen(django_user_model, nigeria):
    from django.test import Client

    carol = make_persona(django_user_model, "carol")
    client = Client()
    client.force_login(carol)
    page = client.get("/transfer-assessments/new/", {"partner": "ng"}).content.decode()
    assert selected(page, "partner") == ["NG"]


def test_a_new_engagement_from_a_partner_page_has_the_partner_chosen(alice_client, nigeria):
    page = alice_client.get("/engagements/new/", {"partner": "NG"}).content.decode()
    assert selected(page, "partners") == [str(nigeria.pk)]
    # An unknown code chooses nothing rather than failing.
    assert alice_client.get("/engagements/new/", {"partner": "ZZ\x00"}).status_code == 200


def test_a_new_interaction_from_a_partner_page_names_the_partner(alice_client, nigeria):
    page = alice_client.get("/contacts/interactions/new/", {"partner": "NG"}).content.decode()
    assert re.search(r'name="partners"[^>]*value="NG"', page)
