"""Casework's doors keep Liaison's promises: showing a case is a logged read wherever it is
shown, odd numbers and far dates get an answer rather than a server error, and an
assessment is linked to one case only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from liaison.cases.services import jit_create
from liaison.cases.tests.conftest import make_case
from liaison.core.models import AccessLogEntry
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]


def test_the_jit_page_logs_the_case_it_shows(carol, carol_client):
    case = make_case(officer=carol)
    jit_create(
        data={"key": "jit-se-rs", "name": "JIT SE-RS", "member_states": ["SE"], "case": case}
    )

    page = carol_client.get("/cases/jits/jit-se-rs/")

    assert page.status_code == 200
    assert case.cms_reference in page.content.decode()
    assert AccessLogEntry.objects.filter(
        user=carol, object_id=str(case.pk), content_type__model="case"
    ).exists()


@pytest.mark.parametrize("year", ["²", "٢٠٢٣", "99999999999999999999", "-1"])
def test_the_report_answers_a_year_it_cannot_read(carol_client, year):
    page = carol_client.get("/cases/report/", {"year": year})
    assert page.status_code == 200
    assert "is not a year" in page.content.decode()


def test_the_figures_api_answers_a_year_it_cannot_read(carol):
    api = APIClient()
    api.force_authenticate(carol)
    response = api.get("/api/casework/figures/", {"year": "²"})
    assert response.status_code == 400
    assert "is not a year" in response.json()["year"][0]


def test_the_exchange_form_answers_an_assessment_number_it_cannot_read(carol, carol_client):
    case = make_case(officer=carol)
    page = carol_client.post(
        f"/cases/{case.pk}/exchanges/new/",
        {"partner": "RS", "kind": "arrest_warrant", "transfer_assessment": "²"},
    )
    assert page.status_code == 400
    assert 'id="id_transfer_assessment_error"' in page.content.decode()


def test_exchange_date_filters_keep_the_bounds(carol):
    api = APIClient()
    api.force_authenticate(carol)
    response = api.get("/api/exchanges/", {"sent_from": "0001-01-01"})
    assert response.status_code == 400
    assert "sent_from" in response.json()


def test_a_jit_extension_keeps_the_bounds(carol):
    api = APIClient()
    api.force_authenticate(carol)
    response = api.post(
        "/api/joint-investigation-teams/",
        {"key": "jit-far", "name": "JIT far", "extended_until": ["9999-12-31"]},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "extended_until" in response.json()


def test_an_assessment_is_linked_to_one_case_only(carol):
    first = make_case(officer=carol)
    second = make_case(officer=carol, cms_reference="2023/0999")
    assessment = assessment_record(user=carol, partner_code="RS", data_category="non_personal")
    # A second request that read the assessment before the first one linked it.
    stale = TransferAssessment.objects.get(pk=assessment.pk)
    assessment.case_attach(case=first)
    with pytest.raises(PermissionDenied):
        stale.case_attach(case=second)
    assert TransferAssessment.objects.get(pk=assessment.pk).case_id == first.pk
