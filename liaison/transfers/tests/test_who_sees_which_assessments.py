"""Officers ask and see their own assessments; the data protection officer and
administrators see them all; a viewer, or an account without a role, sees none."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import make_persona
from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def asked(alice, carol):
    PartnerFactory(code="RS", kind="country", name="Serbia")
    return {
        "alice": assessment_record(user=alice, partner_code="RS", data_category="non_personal"),
        "carol": assessment_record(user=carol, partner_code="RS", data_category="non_personal"),
    }


def listed(api):
    response = api.get("/api/transfer-assessments/")
    assert response.status_code == 200
    return sorted(row["requested_by"] for row in response.json()["results"])


def test_an_officer_sees_only_the_assessments_they_asked_for(asked, api_carol, carol_client):
    assert listed(api_carol) == ["carol"]
    assert api_carol.get(f"/api/transfer-assessments/{asked['alice'].pk}/").status_code == 404
    assert carol_client.get(f"/transfer-assessments/{asked['alice'].pk}/").status_code == 404
    assert carol_client.get(f"/transfer-assessments/{asked['carol'].pk}/").status_code == 200
    page = carol_client.get("/transfer-assessments/")
    assert [a.requested_by_username for a in page.context["object_list"]] == ["carol"]


def test_an_officer_may_neither_export_nor_report_the_register(asked, carol_client):
    assert carol_client.get("/transfer-assessments/export.csv").status_code == 403
    assert carol_client.get("/transfer-assessments/self-assessed/").status_code == 403


def test_the_data_protection_officer_sees_every_assessment_but_asks_none(
    asked, api_dave, dave_client
):
    assert listed(api_dave) == ["alice", "carol"]
    assert dave_client.get(f"/transfer-assessments/{asked['alice'].pk}/").status_code == 200
    body = {"partner": "RS", "data_category": "non_personal"}
    assert api_dave.post("/api/transfer-assessments/", body, format="json").status_code == 403
    assert dave_client.get("/transfer-assessments/new/").status_code == 403


def test_an_administrator_sees_every_assessment(asked, django_user_model):
    erin = Client()
    erin.force_login(make_persona(django_user_model, "erin"))
    page = erin.get("/transfer-assessments/")
    assert len(page.context["object_list"]) == 2


@pytest.mark.parametrize("name", ["bob", "nora"])
def test_a_viewer_or_an_account_without_a_role_sees_nothing(asked, django_user_model, name):
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    for url in (
        "/transfer-assessments/",
        "/transfer-assessments/new/",
        f"/transfer-assessments/{asked['carol'].pk}/",
        "/transfer-assessments/export.csv",
        "/api/transfer-assessments/",
    ):
        assert client.get(url).status_code == 403, url


def test_reading_an_assessment_is_written_to_the_access_log(asked, api_dave, dave_client):
    dave_client.get(f"/transfer-assessments/{asked['carol'].pk}/")
    api_dave.get("/api/transfer-assessments/")
    entries = AccessLogEntry.objects.filter(username="dave")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(
        [str(asked["carol"].pk), str(asked["alice"].pk), str(asked["carol"].pk)]
    )


def test_the_navigation_offers_the_question_to_those_who_may_ask(asked, carol_client, dave_client):
    assert "May we send this?" in carol_client.get("/partners/").content.decode()
    dave_page = dave_client.get("/partners/").content.decode()
    assert "May we send this?" not in dave_page
    assert 'href="/transfer-assessments/"' in dave_page
