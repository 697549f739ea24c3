"""Malformed values in web forms and the admin get a form error or a 400, never a 500
(issue 12, item 6). The suite runs on SQLite and PostgreSQL, which fail differently."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_persona
from liaison.engagements.tests.conftest import form_data
from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory

pytestmark = [pytest.mark.django_db]

HUGE = "-99999999999999999999"


@pytest.fixture
def erin_client(client: Any, django_user_model: Any) -> Any:
    client.raise_request_exception = False
    client.force_login(make_persona(django_user_model, "erin"))
    return client


@pytest.mark.parametrize("field", ["partners", "co_organisers", "key_actions", "project"])
@pytest.mark.parametrize("value", [HUGE, "abc", "a\x00b", "1.5"])
def test_the_engagement_form_names_a_malformed_choice(
    alice_client: Any, field: str, value: str
) -> None:
    alice_client.raise_request_exception = False
    response = alice_client.post("/engagements/new/", form_data(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors


@pytest.mark.parametrize(
    "query",
    [
        "partner__id__exact=abc",
        f"partner__id__exact={HUGE}",
        "partner__id__exact=a%00b",
        "regions__id__exact=abc",
        f"regions__id__exact={HUGE}",
        f"id={HUGE}",
    ],
)
@pytest.mark.parametrize(
    "url",
    ["/admin/instruments/instrument/", "/admin/partners/partner/", "/admin/contacts/contactpoint/"],
)
def test_the_admin_lists_answer_a_malformed_filter_without_a_server_error(
    erin_client: Any, url: str, query: str
) -> None:
    response = erin_client.get(f"{url}?{query}")
    assert response.status_code < 500


@pytest.mark.parametrize("object_id", ["abc", HUGE, "a%00b", "1.5"])
def test_the_admin_change_form_answers_a_malformed_id_without_a_server_error(
    erin_client: Any, object_id: str
) -> None:
    response = erin_client.get(f"/admin/partners/partner/{object_id}/change/")
    assert response.status_code < 500


@pytest.mark.parametrize("value", ["abc", HUGE, "a\x00b"])
def test_the_admin_change_form_names_a_malformed_foreign_key(erin_client: Any, value: str) -> None:
    instrument = InstrumentFactory.create()
    response = erin_client.post(
        f"/admin/instruments/instrument/{instrument.pk}/change/",
        {
            "partner": value,
            "key": instrument.key,
            "title": instrument.title,
            "type": instrument.type,
        },
    )
    assert response.status_code == 200
    assert "partner" in response.context["adminform"].form.errors


def test_a_partner_filter_with_a_huge_region_id_is_a_plain_answer(erin_client: Any) -> None:
    PartnerFactory.create()
    response = erin_client.get(f"/partners/?region={HUGE}")
    assert response.status_code == 200
    assert "not understood" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/api/partners/a%00b/channels/", "/api/partners/a%00b/", "/partners/a%00b/"]
)
def test_an_address_with_a_nul_character_is_not_found(erin_client: Any, url: str) -> None:
    assert erin_client.get(url).status_code == 404
